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
    "Scenario",
    "Pick a scenario above.",
    "Ladder",
    "Segments appear here as arrows, time running downward.",
    "Help",
    "Keyboard",
    "space        play / pause\n"
    "right, left  next / previous event\n"
    "home         back to the start\n"
    "n, b         next / back lesson step\n"
    "1 - 6        answer a lesson question (A = 1)\n"
    "m            ladder / state machines\n"
    "f            break it: faults and calls at the playhead\n"
    "p            export the run as a pcap file (Wireshark)\n"
    "[  and  ]    slower / faster\n"
    "?  or  h     show or hide this help\n"
    "+  and  -    presentation zoom (for a projector)\n"
    "\n"
    "Click an arrow in the ladder to inspect that segment.",
    "CLOSED",
    "Play",
    "Pause",
    "|<",
    "< event",
    "event >",
    "speed",
    "skip quiet time",
    "t =",
    "relative seq",
    "Segment",
    "Click a segment in the ladder to see every field.",
    "NOT REAL TCP",
    "in flight",
    "dropped",
    "retransmission",
    "This scenario could not be loaded:",
    "SYN green, ACK blue, FIN orange, RST red, PSH purple. A dashed chip is a retransmission; "
    "a grey chip with a cross died where it stopped.",
    "What happened",
    "Control blocks",
    "Explore a scenario",
    "Lessons",
    "Lesson %d of %d \u00b7 %s",
    "Step %d of %d: %s",
    "In this lesson you will:",
    "Predict first:",
    "\u2713 Right:",
    "\u2717 Not quite. The answer:",
    "Watch the cable: time runs to this step's moment and stops there.",
    "Skip to the moment",
    "You have moved away from this step.",
    "Back to the step",
    "Try it",
    "Run the variant",
    "Trying a variant (the lesson is paused):",
    "Back to the lesson",
    "< Back",
    "Next >",
    "Next lesson >",
    "Course complete. Explore any scenario from the menu above.",
    "This lesson could not be loaded:",
    "NOT REAL TCP: a counterfactual variant for comparison",
    "Sequence numbers relative to each side's ISN.",
    "State machines (RFC 9293)",
    "dropped, ring full: %lld",
    "dropped, not our MAC: %lld",
    "Your experiment: the run is re-simulated from your changes (the past is unchanged).",
    "Break it",
    "From the playhead (t = %s) on. Each click re-simulates the future as a branch.",
    "drop next ACK",
    "drop next data",
    "drop next FIN",
    "delay next SYN",
    "duplicate next",
    "corrupt next",
    "send 1000 bytes",
    "close()",
    "abort() (RST)",
    "kill the process",
    "SYN delay",
    "link down",
    "NIC of %s (whole run):",
    "rx ring",
    "drain every",
    "apply NIC settings",
    "Rules in force",
    "none",
    "Undo",
    "Back to the original",
    "Export pcap",
    "YOUR BRANCH: %d change(s)",
    "Open a lesson file...",
    "Path of a lesson file (.toml):",
    "Open",
    "This lesson file was not opened",
    "OK",
    "TCP: %lld conn, %s",
};

}  // namespace

const char* tr(Str id, Lang lang) {
  (void)lang;  // one language so far; the table per language goes here
  return kEnglish[static_cast<std::size_t>(id)];
}

}  // namespace synack::ui
