#include "scene/diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace sc::scene {

std::string formatDiagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += fmt::format(":{}", d.line);
    if (d.column > 0) out += fmt::format(":{}", d.column);
  }
  out += d.severity == Severity::Error ? ": error: " : ": warning: ";
  if (!d.jsonPointer.empty()) out += d.jsonPointer + ": ";
  out += d.message;
  if (!d.hint.empty()) out += " (hint: " + d.hint + ")";
  return out;
}

void ValidationReport::add(Diagnostic diagnostic) {
  // Counts stay exact even when the list itself is capped.
  if (diagnostic.severity == Severity::Error) {
    ++errorCount_;
  } else {
    ++warningCount_;
  }
  if (diagnostics_.size() >= kMaxDiagnostics) {
    ++dropped_;
    return;
  }
  diagnostics_.push_back(std::move(diagnostic));
}

void ValidationReport::add(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) add(d);
}

void ValidationReport::add(const ValidationReport& other) {
  std::size_t listedErrors = 0;
  for (const auto& d : other.diagnostics_) {
    if (d.severity == Severity::Error) ++listedErrors;
    add(d);
  }
  errorCount_ += other.errorCount_ - listedErrors;
  warningCount_ += other.warningCount_ - (other.diagnostics_.size() - listedErrors);
  dropped_ += other.dropped_;
}

void ValidationReport::sortByPosition() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
                   });
}

std::string ValidationReport::format() const {
  std::string out;
  for (const auto& d : diagnostics_) {
    out += formatDiagnostic(d);
    out += '\n';
  }
  if (dropped_ > 0) {
    out += fmt::format("... {} more problem(s) not shown; fix the ones above first\n", dropped_);
  }
  if (errorCount_ + warningCount_ > 0) {
    out += fmt::format("{} error(s), {} warning(s)\n", errorCount_, warningCount_);
  }
  return out;
}

std::string escapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace sc::scene
