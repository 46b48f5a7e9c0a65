// The checks that run before Assimp (assets/import_guards.hpp): each input pattern that hung,
// aborted or corrupted Assimp 5.2.5 under tests/fuzz/model_import_fuzz is refused with one
// error naming the file, what is wrong and what to do. The fuzz regression inputs themselves
// (tests/fuzz/model_corpus/regress_*) are imported here too, so the normal test run covers
// them, not only the fuzz run.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>

#include <assimp/Importer.hpp>

#include "assets/import_guards.hpp"
#include "test_support.hpp"

namespace sc::assets::test {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzzCorpus = SC_FUZZ_MODEL_CORPUS;

std::string readBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Imports `bytes` saved as `name` in a fresh content folder; also checks it took under 5 s
// (the PLY inputs hung Assimp forever).
Result<Model> importBytes(const std::string& name, const std::string& bytes) {
  TempFolder folder("guards");
  folder.write(name, bytes);
  ContentRoots roots({folder.path()});
  const auto start = std::chrono::steady_clock::now();
  auto result = importModel(folder.path() / name, roots);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << name;
  return result;
}

void expectRefused(const Result<Model>& result, const std::string& file,
                   std::initializer_list<std::string> phrases) {
  ASSERT_FALSE(result.ok()) << file << " was imported";
  const std::string& message = result.error().message;
  EXPECT_NE(message.find(file), std::string::npos) << message;
  for (const auto& phrase : phrases) EXPECT_NE(message.find(phrase), std::string::npos) << message;
}

const std::string kTriangleObj = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";

// --- PLY: no end_header (Assimp 5.2.5 loops forever in its header reader) ------------------

TEST(ImportGuards, PlyWithoutEndHeaderIsRefusedInsteadOfHanging) {
  const std::string ply = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
                          "property float y\nproperty float z\n0 0 0\n1 0 0\n0 1 0\n";
  expectRefused(importBytes("open.ply", ply), "open.ply", {"no end_header line", "export it again"});
}

TEST(ImportGuards, PlyEndHeaderAfterAVerticalTabDoesNotCount) {
  // Assimp's header loop only accepts end_header after spaces or tabs; a vertical tab before
  // it (the second fuzz hang) still hangs it, so the guard must not accept it either.
  const std::string ply = "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n"
                          "property float y\nproperty float z\n\vend_header\n0 0 0\n";
  expectRefused(importBytes("vtab.ply", ply), "vtab.ply", {"no end_header line"});
}

TEST(ImportGuards, PlyMagicWithAnotherExtensionIsCheckedToo) {
  const std::string ply = "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n";
  expectRefused(importBytes("model.dat", ply), "model.dat", {"no end_header line"});
}

TEST(ImportGuards, PlyHeaderWithANulByteIsRefusedInsteadOfHanging) {
  // Found by the fuzzer (seed 3, 41,000 inputs): NUL bytes inside the header, end_header after
  // them; Assimp's header reader stops at the NUL and never ends.
  const std::string ply = std::string("ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\0\0\0\n", 58) +
                          "property float y\nproperty float z\nend_header\n0 0 0\n1 0 0\n0 1 0\n";
  expectRefused(importBytes("nul.ply", ply), "nul.ply", {"line 4 of the PLY header holds a NUL byte"});
  expectRefused(importBytes("seed.ply", readBytes(kFuzzCorpus / "regress_ply_nul_in_header.ply")), "seed.ply",
                {"PLY header holds a NUL byte"});
}

TEST(ImportGuards, ValidPlyStillLoads) {
  const std::string ply = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
                          "property float y\nproperty float z\nelement face 1\n"
                          "property list uchar int vertex_indices\nend_header\n"
                          "0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n";
  auto result = importBytes("ok.ply", ply);
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(result->meshes.size(), 1u);
  EXPECT_EQ(result->meshes[0].primitives[0].indices.size(), 3u);
}

// --- PLY: Assimp's live ai_assert (TriangulateProcess) becomes an error, not abort() --------

TEST(ImportGuards, AssimpInternalAssertIsAnErrorNotAnAbort) {
  auto result = importBytes("assert.ply", readBytes(kFuzzCorpus / "regress_ply_triangulate_assert.ply"));
  expectRefused(result, "assert.ply", {"Assimp's internal check"});
}

// --- OBJ: NUL bytes, UTF-16, and OBJ text behind another extension --------------------------

TEST(ImportGuards, ObjWithANulByteIsRefusedWithItsLine) {
  std::string obj = kTriangleObj;
  obj.insert(obj.find("f 1"), std::string("usemtl \0\0\0x\n", 12));
  expectRefused(importBytes("nul.obj", obj), "nul.obj", {"line 4 holds a NUL byte", "export it again"});
}

TEST(ImportGuards, Utf16ObjIsRefusedWithWhatToChange) {
  std::string utf16 = "\xFF\xFE";
  for (char c : kTriangleObj) utf16 += std::string{c, '\0'};
  expectRefused(importBytes("wide.obj", utf16), "wide.obj", {"UTF-16", "save it as UTF-8"});
}

TEST(ImportGuards, ObjTextNamedGltfGetsTheObjChecks) {
  // Assimp's glTF readers decline it, so content sniffing hands it to the OBJ importer; the
  // fuzz finding reached Assimp's OBJ code this way with none of the .obj checks applied.
  const std::string text = "{\n" + kTriangleObj;
  auto clean = importBytes("model.gltf", text);
  ASSERT_TRUE(clean.ok()) << clean.error().message;  // a clean one still loads, as Assimp would
  EXPECT_EQ(clean->meshes.size(), 1u);
  expectRefused(importBytes("nul.gltf", text + std::string("f 1 2\0 3\n", 9)), "nul.gltf",
                {"holds a NUL byte", "read as OBJ", "'.gltf'"});
  expectRefused(importBytes("mat.gltf", text + "usemtl lost\n"), "mat.gltf",
                {"'usemtl lost' names a material that no mtllib declares"});
}

TEST(ImportGuards, TheFuzzFindingIsRefusedBeforeAssimp) {
  auto result = importBytes("finding.gltf", readBytes(kFuzzCorpus / "regress_obj_nul_bytes.gltf"));
  expectRefused(result, "finding.gltf", {"holds a NUL byte", "read as OBJ"});
}

TEST(ImportGuards, MtllibNamingAFolderNamesTheModelLine) {
  // Found by the fuzzer: "mtllib ." resolved to the model's own folder and the message named
  // only that folder; it must name the model and the mtllib line.
  expectRefused(importBytes("dir.obj", "mtllib .\n" + kTriangleObj), "dir.obj",
                {"mtllib", "is a folder"});
}

// --- The importer prediction the guards rely on ---------------------------------------------

TEST(ImportGuards, PredictionMatchesTheImporterAssimpUses) {
  // A sample of assimp-testmodels where the choice is not just "the extension's importer":
  // files without an extension, the M3D files read as OBJ, several importers per extension.
  int checked = 0;
  for (const char* folder : {"OBJ", "PLY", "OFF", "M3D", "STL", "X", "AC", "ASE"}) {
    for (const auto& entry : fs::directory_iterator(kModels / folder)) {
      if (!entry.is_regular_file()) continue;
      SCOPED_TRACE(entry.path().string());
      Assimp::Importer importer;
      const int predicted = predictImporter(importer, entry.path().string());
      importer.ReadFile(entry.path().string(), 0);
      EXPECT_EQ(predicted, importer.GetPropertyInteger("importerIndex", -2));
      ++checked;
    }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace sc::assets::test
