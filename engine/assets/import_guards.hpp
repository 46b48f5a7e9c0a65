#pragma once
// Checks run on a model file before Assimp 5.2.5 (Debian 12) parses it, each refusing an input
// pattern that makes that Assimp version hang, abort or corrupt memory (found by
// tests/fuzz/model_import_fuzz; regression inputs in tests/fuzz/model_corpus, unit tests in
// tests/unit/assets/import_guards_test.cpp). Each refusal is one error naming the file, what
// is wrong and what to do. docs/ROBUSTNESS.md explains each guard.
//
// Guards follow the importer Assimp will pick, not only the file name: Assimp falls back to
// content sniffing when the importers registered for the extension decline the file, so a
// ".gltf" whose text starts with '{' but holds "v 0 0 0" lines is read by the OBJ importer.
//
// Internal to sc_assets (it exposes Assimp types); not part of the module's public API.
#include <filesystem>
#include <string>

#include "assets/content_io_system.hpp"
#include "core/result.hpp"

namespace Assimp {
class Importer;
}

namespace sc::assets {

// The index (into Importer::GetImporter) of the importer Importer::ReadFile(path) will use,
// or -1 when none will. Mirrors Assimp 5.2.5's choice: the importers whose extension list
// matches the end of `path`; one of them -> that one; several -> the first whose CanRead
// accepts the content; none accepting -> the first of all importers whose CanRead accepts it.
// Checked against Importer's own "importerIndex" for every assimp-testmodels file.
int predictImporter(const Assimp::Importer& importer, const std::string& path);

// Refuses, before Assimp sees `canonical` (already inside the content roots, opened through
// `io`, which `importer` uses):
//  - OFF headers declaring more vertices/faces than the file's bytes can hold (Assimp
//    allocates the declared count first);
//  - PLY files without an end_header line in their first 1 MiB (Assimp loops forever);
//  - text read by the OBJ importer (by name or by content) that holds a NUL byte (a fuzzed
//    file with NUL bytes, read as OBJ, ended in heap corruption under Assimp), or whose
//    mtllib/usemtl references are broken (obj_references.hpp).
Status checkBeforeAssimp(const Assimp::Importer& importer, const ContentIoSystem& io,
                         const std::filesystem::path& canonical, const std::string& label);

}  // namespace sc::assets
