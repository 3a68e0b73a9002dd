#pragma once
// The scenario and lesson files, compiled into the app (the browser has no files) and
// the CLI (a lesson names its scenario by id).
#include <optional>
#include <string>
#include <vector>

namespace synack::embedded {

struct EmbeddedFile {
  const char* id;    // file stem, e.g. "lost-third-ack" or "01-handshake"
  const char* text;  // the whole file
};

const std::vector<EmbeddedFile>& scenario_library();  // scenarios/*.toml
const std::vector<EmbeddedFile>& lesson_library();    // lessons/*.toml
const std::vector<EmbeddedFile>& lesson_zh_library(); // lessons/zh/*.toml: the lessons' Chinese translations

// A scenario's text by id, for lessons that name one.
inline std::optional<std::string> embedded_scenario(const std::string& id) {
  for (const EmbeddedFile& f : scenario_library())
    if (id == f.id) return std::string(f.text);
  return std::nullopt;
}

// A course lesson's Chinese translation by the lesson's id, if it has one.
inline const EmbeddedFile* embedded_zh_translation(const std::string& id) {
  for (const EmbeddedFile& f : lesson_zh_library())
    if (id == f.id) return &f;
  return nullptr;
}

}  // namespace synack::embedded
