#pragma once
// The one lesson checker. `synack lesson` and the app's file open both call it, so a
// teacher's file is accepted or refused the same way, with the same words, wherever it
// is opened: parsed (file:line: what was expected), its scenario run, every step's stop
// found and every check verified, and characters the app's font lacks pointed out.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/lesson_walk.hpp"
#include "lesson/lesson.hpp"

namespace synack::analysis {

struct LessonVerdict {
  std::optional<lesson::Lesson> lesson;  // when it parsed
  WalkedLesson walked;                   // when it parsed: the run and the stops
  std::vector<std::vector<std::string>> wrong;  // per step (when the stops resolved): what its check finds wrong
  std::vector<std::string> errors;       // "file:line: what"; none: the lesson is accepted
  std::vector<std::string> warnings;     // "file:line: warning: what"; the lesson is accepted anyway
  bool accepted() const { return errors.empty(); }
};

// A lesson's translation (lessons/zh/NAME.toml beside lessons/NAME.toml).
struct TranslationFile {
  std::string lang;  // "zh"
  std::string file;  // as messages name it
  std::string text;
};

// Checks the lesson and, with it, each of its translations (refusals and warnings name
// the translation's file and line).
LessonVerdict check_lesson(std::string_view text, const std::string& file_name, const lesson::Sources& sources,
                           const std::vector<TranslationFile>& translations = {});

// Lines the font cannot draw: "file:line: warning: ..." for each line holding such characters.
std::vector<std::string> glyph_warnings(std::string_view text, const std::string& file_name);

// Messages one per line, as the app's dialog shows them and the CLI prints them.
std::string join_lines(const std::vector<std::string>& lines);

}  // namespace synack::analysis
