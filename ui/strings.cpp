#include "strings.hpp"

#include <array>
#include <cstddef>

namespace synack::ui {
namespace {

constexpr std::array<const char*, static_cast<std::size_t>(Str::Count_)> kEnglish = {
    "watch TCP open and close, one segment at a time",
    "CLIENT",
    "SERVER",
    "NIC",
    "RX ring",
    "cable",
    "Lesson",
    "No lesson loaded",
    "Lessons will appear here: pick one, and the scene, the ladder and this panel\n"
    "walk you through it step by step.",
    "Ladder",
    "Segments will appear here as arrows, time running downward.",
    "Timeline",
    "Help",
    "Keyboard",
    "?  or  h     show or hide this help\n"
    "+  and  -    presentation zoom (for a projector)",
    "CLOSED",
};

}  // namespace

const char* tr(Str id, Lang lang) {
  (void)lang;  // one language so far; the table per language goes here
  return kEnglish[static_cast<std::size_t>(id)];
}

}  // namespace synack::ui
