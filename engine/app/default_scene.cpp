#include "app/default_scene.hpp"

#include <cmath>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/quaternion.hpp>

#include "assets/texture_decode.hpp"
#include "render/procedural_shapes.hpp"

namespace sc::app {

namespace {

using assets::Primitive;
using render::makeBox;
using render::makeCylinder;
using render::makeSphere;

// Flagstones: grey stones with darker joints, in a 256x256 texture.
assets::Texture makeStoneTexture() {
  assets::Texture t;
  t.name = "builtin:flagstones";
  t.width = t.height = 256;
  std::vector<std::uint8_t> pixels(256 * 256 * 4);
  for (std::uint32_t y = 0; y < 256; ++y) {
    for (std::uint32_t x = 0; x < 256; ++x) {
      std::uint32_t row = y / 64;
      std::uint32_t col = (x + (row % 2) * 32) / 64;
      bool joint = (y % 64) < 3 || ((x + (row % 2) * 32) % 64) < 3;
      std::uint32_t hash = (row * 73856093u) ^ (col * 19349663u);
      hash = (hash ^ (hash >> 13)) * 0x5bd1e995u;
      int shade = 150 + int(hash % 40) + int(((x * 7 + y * 13) ^ (x * y)) % 9);
      if (joint) shade = 70;
      auto* px = &pixels[(y * 256 + x) * 4];
      px[0] = std::uint8_t(shade);
      px[1] = std::uint8_t(shade - 6);
      px[2] = std::uint8_t(shade - 14);
      px[3] = 255;
    }
  }
  // The importer's mip chain (box filter in linear light for sRGB colour).
  auto texture = assets::textureFromRgba8(std::move(pixels), 256, 256, t.name, true, {});
  SC_CHECK(texture.ok(), "built-in flagstone texture: {}", texture ? "" : texture.error().message);
  return std::move(texture.value());
}

// A lattice screen (window grille of Ba-Yu houses): opaque bars, transparent gaps (alpha MASK).
assets::Texture makeLatticeTexture() {
  assets::Texture t;
  t.name = "builtin:lattice";
  t.width = t.height = 64;
  std::vector<std::uint8_t> pixels(64 * 64 * 4);
  for (std::uint32_t y = 0; y < 64; ++y) {
    for (std::uint32_t x = 0; x < 64; ++x) {
      bool bar = (x % 16) < 4 || (y % 16) < 4 || ((x + y) % 32) < 3;
      auto* px = &pixels[(y * 64 + x) * 4];
      px[0] = 120; px[1] = 60; px[2] = 30;
      px[3] = bar ? 255 : 0;
    }
  }
  t.mips.push_back(std::move(pixels));
  return t;
}

}  // namespace

assets::Model makeDefaultScene() {
  assets::Model model;
  model.sourcePath = "builtin:default";
  model.textures.push_back(makeStoneTexture());
  model.textures.push_back(makeLatticeTexture());

  auto addMaterial = [&](assets::Material m) {
    model.materials.push_back(std::move(m));
    return std::uint32_t(model.materials.size() - 1);
  };
  auto addMesh = [&](Primitive prim, std::uint32_t material, glm::vec3 at, const char* name,
                     glm::quat rotation = glm::quat(1, 0, 0, 0)) {
    render::addPrimitiveNode(model, std::move(prim), material, at, name, rotation);
  };

  assets::Material stone;
  stone.name = "flagstones";
  stone.metallicFactor = 0.0f;
  stone.roughnessFactor = 0.85f;
  stone.baseColor.texture = 0;
  stone.baseColor.transform.scale = glm::vec2(10.0f);
  addMesh(makeBox({20.0f, 0.1f, 20.0f}), addMaterial(stone), {0.0f, -0.1f, 0.0f}, "ground");

  // Sphere grid: metallic rises left to right on the back row, roughness on the front row.
  for (int i = 0; i < 5; ++i) {
    float t = float(i) / 4.0f;
    assets::Material metal;
    metal.name = "metal " + std::to_string(i);
    metal.baseColorFactor = glm::vec4(0.95f, 0.64f, 0.54f, 1.0f);  // copper
    metal.metallicFactor = t;
    metal.roughnessFactor = 0.3f;
    addMesh(makeSphere(0.45f), addMaterial(metal), {-3.0f + 1.5f * float(i), 0.45f, -1.2f}, "metallic sphere");
    assets::Material rough;
    rough.name = "rough " + std::to_string(i);
    rough.baseColorFactor = glm::vec4(0.2f, 0.35f, 0.75f, 1.0f);
    rough.metallicFactor = 0.0f;
    rough.roughnessFactor = 0.05f + 0.95f * t;
    addMesh(makeSphere(0.45f), addMaterial(rough), {-3.0f + 1.5f * float(i), 0.45f, 0.6f}, "rough sphere");
  }

  assets::Material lacquer;
  lacquer.name = "red lacquer";
  lacquer.baseColorFactor = glm::vec4(0.55f, 0.04f, 0.03f, 1.0f);
  lacquer.metallicFactor = 0.0f;
  lacquer.roughnessFactor = 0.35f;
  std::uint32_t lacquerId = addMaterial(lacquer);
  addMesh(makeCylinder(0.22f, 3.2f), lacquerId, {-5.0f, 0.0f, -1.5f}, "column");
  addMesh(makeCylinder(0.22f, 3.2f), lacquerId, {5.0f, 0.0f, -1.5f}, "column");
  assets::Material tile;
  tile.name = "grey tile";
  tile.baseColorFactor = glm::vec4(0.18f, 0.19f, 0.2f, 1.0f);
  tile.metallicFactor = 0.0f;
  tile.roughnessFactor = 0.6f;
  addMesh(makeBox({5.6f, 0.15f, 0.8f}), addMaterial(tile), {0.0f, 3.35f, -1.5f}, "beam");

  assets::Material glass;
  glass.name = "glass";
  glass.baseColorFactor = glm::vec4(0.55f, 0.8f, 0.75f, 0.35f);
  glass.metallicFactor = 0.0f;
  glass.roughnessFactor = 0.05f;
  glass.alphaMode = assets::AlphaMode::Blend;
  glass.doubleSided = true;
  addMesh(makeBox({0.9f, 0.9f, 0.02f}), addMaterial(glass), {3.2f, 0.95f, 2.4f}, "glass pane");

  assets::Material lattice;
  lattice.name = "lattice";
  lattice.metallicFactor = 0.0f;
  lattice.roughnessFactor = 0.7f;
  lattice.baseColor.texture = 1;
  lattice.baseColor.transform.scale = glm::vec2(3.0f);
  lattice.alphaMode = assets::AlphaMode::Mask;
  lattice.doubleSided = true;
  addMesh(makeBox({1.2f, 1.2f, 0.02f}), addMaterial(lattice), {-3.4f, 1.2f, 2.4f}, "lattice screen");

  assets::Material lantern;
  lantern.name = "red lantern";
  lantern.baseColorFactor = glm::vec4(0.8f, 0.1f, 0.05f, 1.0f);
  lantern.metallicFactor = 0.0f;
  lantern.roughnessFactor = 0.5f;
  lantern.emissiveFactor = glm::vec3(1.0f, 0.25f, 0.08f);
  lantern.emissiveStrength = 2.0f;
  addMesh(makeSphere(0.3f), addMaterial(lantern), {0.0f, 2.7f, -1.5f}, "lantern");

  assets::Light lanternLight;
  lanternLight.name = "lantern light";
  lanternLight.type = assets::LightType::Point;
  lanternLight.color = glm::vec3(1.0f, 0.55f, 0.3f);
  lanternLight.intensity = 12.0f;
  lanternLight.range = 12.0f;
  model.lights.push_back(lanternLight);
  assets::Node lightNode;
  lightNode.name = "lantern light";
  lightNode.translation = {0.0f, 2.3f, -1.5f};
  lightNode.light = 0;
  model.nodes.push_back(lightNode);
  model.rootNodes.push_back(std::uint32_t(model.nodes.size() - 1));

  assets::Light spot;
  spot.name = "spot";
  spot.type = assets::LightType::Spot;
  spot.color = glm::vec3(0.8f, 0.9f, 1.0f);
  spot.intensity = 40.0f;
  spot.range = 20.0f;
  spot.innerConeAngle = 0.25f;
  spot.outerConeAngle = 0.4f;
  model.lights.push_back(spot);
  assets::Node spotNode;
  spotNode.name = "spot";
  spotNode.translation = {-3.4f, 4.5f, 4.5f};
  // Point the light's -Z towards the lattice screen.
  spotNode.rotation = glm::quatLookAt(glm::normalize(glm::vec3(0.0f, -3.3f, -2.1f)), glm::vec3(0, 1, 0));
  spotNode.light = 1;
  model.nodes.push_back(spotNode);
  model.rootNodes.push_back(std::uint32_t(model.nodes.size() - 1));
  return model;
}

}  // namespace sc::app
