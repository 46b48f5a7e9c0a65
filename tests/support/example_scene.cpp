#include "support/example_scene.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/image_io.hpp"

namespace sc::test {

namespace fs = std::filesystem;

std::string writeExampleScene(const fs::path& dir, const std::string& name, const std::vector<SceneEdit>& edits) {
  fs::create_directories(dir);
  fs::path example = fs::path(SC_SOURCE_DIR) / "scenes" / "example";
  std::ifstream in(example / "example.scene.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string scene = text.str();
  // Relative roots, as a creator writes them: the scene stays valid wherever the test folder is.
  std::vector<SceneEdit> all = {
      {"\"$schema\": \"../schema/scene.schema.json\",", ""},
      {"\"contentRoots\": [\"../../assets\"]",
       "\"contentRoots\": [\"" + fs::relative(example, dir).generic_string() + "\", \"" +
           fs::relative(fs::path(SC_SOURCE_DIR) / "assets", dir).generic_string() + "\"]"}};
  all.insert(all.end(), edits.begin(), edits.end());
  for (const auto& [from, to] : all) {
    auto at = scene.find(from);
    if (at == std::string::npos) {
      ADD_FAILURE() << from << " is no longer in the example scene";
      return {};
    }
    scene.replace(at, from.size(), to);
  }
  std::ofstream(dir / name) << scene;
  return (dir / name).string();
}

SceneEdit examplePanoramaEdit(const std::string& file) {
  return {"\"id\": \"marker\",\n      \"name\"", "\"id\": \"marker\",\n      \"panorama\": \"" + file + "\",\n      \"name\""};
}

bool writeCheckerPanorama(const fs::path& file, std::uint32_t width, std::uint32_t height) {
  ImageRgba8 pano;
  pano.width = width;
  pano.height = height;
  pano.pixels.resize(std::size_t(width) * height * 4);
  for (std::uint32_t y = 0; y < height; ++y) {
    for (std::uint32_t x = 0; x < width; ++x) {
      bool magenta = ((x / 16 + y / 16) % 2) != 0;
      std::uint8_t* p = pano.at(x, y);
      p[0] = magenta ? 200 : 40;
      p[1] = magenta ? 40 : 200;
      p[2] = magenta ? 200 : 60;
      p[3] = 255;
    }
  }
  return bool(writePng(file, pano));
}

}  // namespace sc::test
