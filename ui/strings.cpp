#include "strings.hpp"

#include <array>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>


namespace synack::ui {

extern const std::array<const char*, static_cast<std::size_t>(Str::Count_)> kChinese;  // strings_zh.cpp

namespace {

constexpr std::array<const char*, static_cast<std::size_t>(Str::Count_)> kEnglish = {
    "watch TCP open and close, one segment at a time",
    "CLIENT",
    "SERVER",
    "NIC",
    "RX ring",
    "cable",
    "cable: %d more segments in flight, not drawn",
    "cable: 1 more segment in flight, not drawn",
    "Scenario",
    "Pick a scenario above.",
    "Ladder",
    "Segments appear here as arrows, time running downward.",
    "%d labels left out for room: click an arrow, or zoom out (-)",
    "1 label left out for room: click an arrow, or zoom out (-)",
    "Help",
    "Keyboard",
    "space        play / pause\n"
    "right, left  next / previous event\n"
    "home         back to the start\n"
    "n, b         next / back lesson step\n"
    "1 - 6        answer a lesson question (A = 1)\n"
    "m            ladder / state machines\n"
    "f            break it: faults and calls at the playhead\n"
    "r  R         TCP profile: switch RFC / Linux (a branch); both side by side\n"
    "i  c  e      segment inspector, control blocks and buffers, events\n"
    "p            export the run as a pcap file (Wireshark)\n"
    "l  L         export the ladder: whole run as SVG / on screen as PNG\n"
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
    "Export",
    "Every frame on the cable, each marked with what became of it (pcapng)",
    "As seen at %s: only what it sent and what reached it (pcapng)",
    "Plain pcap, no marks",
    "The ladder as SVG: the whole run, for slides and reports",
    "The ladder as PNG: the part on screen",
    "YOUR BRANCH: %d change(s)",
    "Open a lesson file...",
    "Path of a lesson file (.toml):",
    "Open",
    "This lesson file was not opened",
    "OK",
    "TCP: %lld conn, %s",
    "TCP: %lld conn",
    "synack",
    "Ethernet dst",
    "Ethernet src",
    "EtherType",
    "IP src",
    "IP dst",
    "IP total length",
    "IP id",
    "IP flags",
    "IP TTL",
    "IP checksum",
    "TCP ports",
    "seq",
    "ack",
    "%s  (absolute %s)",
    "header length",
    "%d bytes (20 + %d of options)",
    "flags",
    "window",
    "checksum",
    "options",
    "%s (%d bytes)",
    "payload",
    "%zu bytes",
    "ARP",
    "request",
    "reply",
    "sender",
    "target",
    "%s the next %s from %s after %s",
    "%s %s at %s",
    "link down for %d ms from the next segment after %s",
    "%s NIC: ring %d, drain every %d us (whole run)",
    "Send a hand-made segment at the playhead",
    "An injected test segment: no host's TCP sends it, it goes onto the cable from the host's NIC. What the "
    "peer does with it is real TCP. seq and ack count from the sender's connection.",
    "from",
    "flags",
    "seq",
    "ack",
    "payload bytes",
    "bad checksum",
    "send it at t = %s",
    "INJECTED: hand-made segment from %s at %s: %s",
    "INJECTED TEST SEGMENT: a hand-made segment is in this run",
    "INJECTED SEGMENT",
    "send buffer",
    "receive buffer",
    "%s/%s KB",
    "listen()",
    "close()",
    "connect() sends SYN",
    "received SYN in LISTEN",
    "sent SYN,ACK (two-way handshake, not real TCP)",
    "received SYN,ACK",
    "received SYN in SYN-SENT (simultaneous open)",
    "received ACK of SYN,ACK",
    "data acknowledged our SYN,ACK",
    "our FIN acknowledged",
    "our FIN acknowledged in CLOSING",
    "received FIN",
    "received FIN+ACK: our FIN acknowledged and theirs received together",
    "received FIN before the ACK of ours (simultaneous close)",
    "close() sends FIN",
    "closed",
    "connection refused",
    "connection reset by peer",
    "connection timed out",
    "aborted",
    "half-open connection given up",
    "cable down",
    "NIC: destination MAC is not ours",
    "NIC RX ring full (all %lld descriptors in use)",
    "transmit queue full",
    "bad checksum: %s",
    "undecodable frame: %s",
    "IP destination is not this host",
    "switch: no port for the destination",
    "This lesson file opened, with warnings",
    "Check",
    "type a number",
    "Your answer:",
    "Lesson %d of %d",
    "%c (ticked):",
    "%c (not ticked):",
    "dropped on purpose: %s",
    "So far: %s, %s (%s data), %.1f round trips, connections: %lld",
    "%s sent %s, %s; opened %lld, accepted %lld",
    "%s: %lld",
    "Segments: put on the cable, retransmissions included (after each host's name: those it\n"
    "sent). Bytes: whole frames, headers included. Connections: opened by connect().\n"
    "Round trips: the longest chain of segments in which each one was sent after the one\n"
    "before it arrived, halved. A handshake is 1.5 round trips: SYN, SYN,ACK, ACK.",
    "%d segments",
    "1 segment",
    "Connections",
    "host",
    "Local",
    "Remote",
    "State",
    "Send-Q",
    "Recv-Q",
    "Timer",
    "%s at %s",
    "%d sockets",
    "1 socket",
    "No sockets at this moment.",
    "Like ss -tan at the playhead. Send-Q: bytes not yet acknowledged or not yet sent (a\n"
    "listener: its backlog). Recv-Q: bytes received, not yet read. Click a header to sort.",
    "Side by side",
    "Lit: %d segments in one run only, %d that differ; a lit host line: its state differs",
    "in this run only: the other run has no such segment",
    "differs from the other run: %s",
    "the other run of this script (select a segment on the left to inspect it)",
    "RFC 9293",
    "Linux 6.x",
    "mixed profiles",
    "TCP: %s",
    "RFC 9293: the standards' defaults (no delayed ACK, 1 s minimum RTO)",
    "Linux 6.x: a Linux 6 kernel's choices (quick-ACK, 40 ms delayed ACK, tail loss probe, 200 ms minimum RTO, "
    "timestamps), checked against the kernel's captures",
    "RFC and Linux side by side",
    "The TCP this run uses. r switches the run to the other profile (re-simulated as a branch; both are real TCP);\n"
    "R shows RFC and Linux side by side below the scene.",
    "This run's file sets on top of its profile: %s",
    "Your branch: the same script under the other TCP profile (TCP: at the top says which). Both profiles are "
    "real TCP. A profile applies from the first segment, so the whole run is re-simulated, not only the "
    "future; the playhead stays at the same time. R shows both runs side by side.",
    "YOUR BRANCH: under %s",
    "YOUR BRANCH: under %s, %d change(s)",
    "first steps",
    "core",
    "deeper",
};

// The causes are one block of the table, in the engine's order.
static_assert(static_cast<int>(Str::CauseGaveUp) - static_cast<int>(Str::CauseListen) ==
              static_cast<int>(tcp::Cause::GaveUp) - static_cast<int>(tcp::Cause::Listen));
static_assert(static_cast<int>(tcp::Cause::GaveUp) + 1 == static_cast<int>(tcp::Cause::Count_));

Lang g_language = Lang::En;

}  // namespace

Lang language() { return g_language; }
void set_language(Lang lang) { g_language = lang; }

const char* lang_code(Lang lang) { return lang == Lang::Zh ? "zh" : "en"; }

std::optional<Lang> parse_lang(std::string_view code) {
  const auto starts = [&](std::string_view p) {
    return code.size() >= p.size() && (code.size() == p.size() || code[p.size()] == '-' || code[p.size()] == '_') &&
           code.substr(0, p.size()) == p;
  };
  if (starts("zh")) return Lang::Zh;
  if (starts("en")) return Lang::En;
  return std::nullopt;
}

const char* tr(Str id, Lang lang) {
  const std::size_t i = static_cast<std::size_t>(id);
  return lang == Lang::Zh ? kChinese[i] : kEnglish[i];
}

const char* tr(tcp::Cause cause, Lang lang) {
  if (cause == tcp::Cause::Unknown || cause >= tcp::Cause::Count_) return "";
  return tr(static_cast<Str>(static_cast<int>(Str::CauseListen) + static_cast<int>(cause) - static_cast<int>(tcp::Cause::Listen)),
            lang);
}

std::string kilobytes_number(long long bytes) {
  char buf[32];
  const double kb = static_cast<double>(bytes) / 1000.0;
  std::snprintf(buf, sizeof buf, kb >= 10 ? "%.0f" : "%.1f", kb);
  return buf;
}

std::string kilobytes(long long bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1000.0);
  return buf;
}

std::string trn(Str one, Str many, long long n) {
  if (n == 1) return tr(one);
  return trf(many, static_cast<int>(n));
}

std::string trf(Str id, ...) {
  char buf[512];
  va_list args;
  va_start(args, id);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"  // the format is the string table's
  std::vsnprintf(buf, sizeof buf, tr(id), args);
#pragma GCC diagnostic pop
  va_end(args);
  return buf;
}

}  // namespace synack::ui
