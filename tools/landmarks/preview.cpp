#include "preview.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <glm/gtc/matrix_transform.hpp>

#include "core/file_io.hpp"

namespace sc::landmarks {

namespace {

struct ClipVertex {
  glm::vec4 clip;
  glm::vec3 normal;
  glm::vec2 uv;
  glm::vec3 world;
};

ClipVertex lerp(const ClipVertex& a, const ClipVertex& b, float t) {
  return {a.clip + (b.clip - a.clip) * t, a.normal + (b.normal - a.normal) * t, a.uv + (b.uv - a.uv) * t,
          a.world + (b.world - a.world) * t};
}

glm::vec3 sample(const Image* img, glm::vec2 uv) {
  if (!img || img->empty()) return glm::vec3(1.0f);
  float u = uv.x - std::floor(uv.x), v = uv.y - std::floor(uv.y);
  int x = std::min(img->width - 1, int(u * float(img->width)));
  int y = std::min(img->height - 1, int(v * float(img->height)));
  const std::uint8_t* p = &img->pixels[(std::size_t(y) * img->width + x) * img->channels];
  return glm::vec3(p[0], p[1], p[2]) / 255.0f;
}

glm::vec3 toLinear(glm::vec3 c) { return glm::pow(c, glm::vec3(2.2f)); }
glm::vec3 toSrgb(glm::vec3 c) { return glm::pow(glm::clamp(c, 0.0f, 1.0f), glm::vec3(1.0f / 2.2f)); }

// Animated objects are drawn where they are halfway through their animation.
glm::vec3 objectOffset(const ModelObject& o) {
  if (!o.animation || o.animation->times.empty()) return o.translation;
  const auto& a = *o.animation;
  float t = 0.5f * (a.times.front() + a.times.back());
  for (std::size_t i = 0; i + 1 < a.times.size(); ++i) {
    if (t >= a.times[i] && t <= a.times[i + 1]) {
      float s = (t - a.times[i]) / std::max(1e-6f, a.times[i + 1] - a.times[i]);
      return a.translations[i] + (a.translations[i + 1] - a.translations[i]) * s;
    }
  }
  return a.translations.front();
}

}  // namespace

Status renderPreview(const Model& model, const PreviewCamera& camera, bool night, int width,
                     int height, const std::filesystem::path& png) {
  const float nearZ = 0.5f;
  glm::mat4 view = glm::lookAt(camera.eye, camera.target, glm::vec3(0, 1, 0));
  glm::mat4 proj = glm::perspective(glm::radians(camera.fovYDegrees), float(width) / float(height),
                                    nearZ, 8000.0f);
  glm::mat4 vp = proj * view;
  std::vector<glm::vec3> color(std::size_t(width) * height);
  std::vector<float> depth(std::size_t(width) * height, 0.0f);  // 1/w, larger is nearer
  for (int y = 0; y < height; ++y) {
    float t = float(y) / float(height);
    glm::vec3 top = night ? glm::vec3(0.01f, 0.015f, 0.04f) : glm::vec3(0.35f, 0.55f, 0.85f);
    glm::vec3 bottom = night ? glm::vec3(0.05f, 0.05f, 0.09f) : glm::vec3(0.8f, 0.85f, 0.9f);
    for (int x = 0; x < width; ++x) color[std::size_t(y) * width + x] = top + (bottom - top) * t;
  }
  const glm::vec3 sun = glm::normalize(glm::vec3(0.45f, 0.8f, 0.35f));
  const glm::vec3 fogColor = night ? glm::vec3(0.03f, 0.03f, 0.06f) : glm::vec3(0.75f, 0.8f, 0.86f);

  auto raster = [&](const ClipVertex* v, const Material& m) {
    glm::vec2 s[3];
    float invW[3];
    for (int k = 0; k < 3; ++k) {
      invW[k] = 1.0f / v[k].clip.w;
      glm::vec3 ndc = glm::vec3(v[k].clip) * invW[k];
      s[k] = glm::vec2((ndc.x * 0.5f + 0.5f) * float(width), (0.5f - ndc.y * 0.5f) * float(height));
    }
    float area = (s[1].x - s[0].x) * (s[2].y - s[0].y) - (s[2].x - s[0].x) * (s[1].y - s[0].y);
    if (std::abs(area) < 1e-9f) return;
    int x0 = std::max(0, int(std::floor(std::min({s[0].x, s[1].x, s[2].x}))));
    int x1 = std::min(width - 1, int(std::ceil(std::max({s[0].x, s[1].x, s[2].x}))));
    int y0 = std::max(0, int(std::floor(std::min({s[0].y, s[1].y, s[2].y}))));
    int y1 = std::min(height - 1, int(std::ceil(std::max({s[0].y, s[1].y, s[2].y}))));
    const Image* base = m.baseColorTexture >= 0 ? &model.textures[m.baseColorTexture].image : nullptr;
    const Image* emis = m.emissiveTexture >= 0 ? &model.textures[m.emissiveTexture].image : nullptr;
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        glm::vec2 p(float(x) + 0.5f, float(y) + 0.5f);
        float w0 = ((s[1].x - p.x) * (s[2].y - p.y) - (s[2].x - p.x) * (s[1].y - p.y)) / area;
        float w1 = ((s[2].x - p.x) * (s[0].y - p.y) - (s[0].x - p.x) * (s[2].y - p.y)) / area;
        float w2 = 1.0f - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        float iw = w0 * invW[0] + w1 * invW[1] + w2 * invW[2];
        std::size_t idx = std::size_t(y) * width + x;
        if (iw <= depth[idx]) continue;
        depth[idx] = iw;
        float b0 = w0 * invW[0] / iw, b1 = w1 * invW[1] / iw, b2 = w2 * invW[2] / iw;
        glm::vec2 uv = v[0].uv * b0 + v[1].uv * b1 + v[2].uv * b2;
        glm::vec3 n = glm::normalize(v[0].normal * b0 + v[1].normal * b1 + v[2].normal * b2);
        glm::vec3 wp = v[0].world * b0 + v[1].world * b1 + v[2].world * b2;
        glm::vec3 toEye = glm::normalize(camera.eye - wp);
        if (glm::dot(n, toEye) < 0) n = -n;
        glm::vec3 albedo = toLinear(sample(base, uv)) * glm::vec3(m.baseColorFactor);
        glm::vec3 c;
        if (night) {
          c = albedo * (0.04f + 0.06f * std::max(0.0f, n.y));
        } else {
          float diff = std::max(0.0f, glm::dot(n, sun));
          c = albedo * (0.28f + 0.18f * std::max(0.0f, n.y) + 0.9f * diff);
        }
        glm::vec3 e = m.emissiveFactor * m.emissiveStrength;
        if (e != glm::vec3(0.0f)) {
          glm::vec3 em = emis ? toLinear(sample(emis, uv)) : glm::vec3(1.0f);
          c += em * e * (night ? 0.5f : 0.12f);
        }
        float dist = glm::length(camera.eye - wp);
        float fog = 1.0f - std::exp(-dist / (night ? 2500.0f : 1800.0f));
        float peak = std::max({c.r, c.g, c.b});
        if (peak > 1.0f) c /= peak;  // keep the hue of bright emissive surfaces
        color[idx] = toSrgb(c) * (1.0f - fog) + fogColor * fog;
      }
  };

  for (const auto& obj : model.objects) {
    glm::vec3 offset = objectOffset(obj);
    for (const auto& [matIndex, part] : obj.parts) {
      const Material& m = model.materials[matIndex];
      std::vector<ClipVertex> cv(part.vertices.size());
      for (std::size_t i = 0; i < part.vertices.size(); ++i) {
        glm::vec3 w = part.vertices[i].position + offset;
        cv[i] = {vp * glm::vec4(w, 1.0f), part.vertices[i].normal, part.vertices[i].uv, w};
      }
      for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
        ClipVertex in[3] = {cv[part.indices[t]], cv[part.indices[t + 1]], cv[part.indices[t + 2]]};
        // Clip against the near plane (w >= nearZ); a triangle becomes at most a quad.
        ClipVertex out[4];
        int count = 0;
        for (int k = 0; k < 3; ++k) {
          const ClipVertex& a = in[k];
          const ClipVertex& b = in[(k + 1) % 3];
          bool aIn = a.clip.w >= nearZ, bIn = b.clip.w >= nearZ;
          if (aIn) out[count++] = a;
          if (aIn != bIn) out[count++] = lerp(a, b, (nearZ - a.clip.w) / (b.clip.w - a.clip.w));
        }
        if (count >= 3) raster(out, m);
        if (count == 4) {
          ClipVertex second[3] = {out[0], out[2], out[3]};
          raster(second, m);
        }
      }
    }
  }

  Image img{width, height, 3, std::vector<std::uint8_t>(std::size_t(width) * height * 3)};
  for (std::size_t i = 0; i < color.size(); ++i)
    for (int k = 0; k < 3; ++k)
      img.pixels[i * 3 + k] = std::uint8_t(std::clamp(color[i][k], 0.0f, 1.0f) * 255.0f + 0.5f);
  std::vector<std::uint8_t> bytes = encodePng(img);
  if (bytes.empty()) return makeError("{}: PNG encoding failed", png.string());
  return writeFileAtomic(png, bytes);
}

}  // namespace sc::landmarks
