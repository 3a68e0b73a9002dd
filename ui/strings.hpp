#pragma once
// Every user-visible string goes through tr(), so a translation is one new table.
namespace synack::ui {

enum class Str {
  AppTagline,
  Client,
  Server,
  Nic,
  RxRing,
  Cable,
  Lesson,
  NoLesson,
  NoLessonHint,
  Ladder,
  LadderEmpty,
  Timeline,
  Help,
  HelpTitle,
  HelpBody,
  StateClosed,
  Count_
};

enum class Lang { En };

const char* tr(Str id, Lang lang = Lang::En);

}  // namespace synack::ui
