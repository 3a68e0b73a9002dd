#pragma once
// The run's words in the language on screen: what the trace says (event-log lines, the
// ladder's notes, drop reasons, fault rules, connection notes, capture marks) in English
// through trace::english(), in Chinese through this file's table. Protocol names, flags,
// fields and RFC state names stay as a capture prints them, with Chinese around them.
#include <string>
#include <vector>

#include "analysis/timeline.hpp"
#include "strings.hpp"
#include "trace/export.hpp"
#include "wire/tcp_header.hpp"

namespace synack::ui {

const trace::Words& run_words(Lang lang);
inline const trace::Words& run_words() { return run_words(language()); }

// The event log: the text trace's lines in `lang`.
std::vector<trace::TextLine> event_log(const trace::Trace& t, Lang lang);

// A frame's note, whole or brief (trace::Words::note_brief), on screen.
std::string note_words(const trace::FrameNote& note, const std::vector<trace::FaultDesc>& rules, bool brief = false);
// Why a segment died, as the screen says it. A fault is said in plain words: the rule's
// name, or what it matches ("dropped on purpose: the 1st ACK"), never its number.
std::string drop_text(const analysis::SegmentView& s, const std::vector<trace::FaultDesc>& rules);
// A fault rule as a learner reads it: its name, else what it matches ("the 1st ACK").
std::string fault_in_words(const trace::FaultDesc& d, Lang lang);
// A fault rule's action or the segments it matches, by the scenario file's keyword
// ("drop", "ack"), as the fault panel names a rule it makes: the keyword itself in
// English (as it always read), the language's words otherwise.
std::string fault_keyword_words(const std::string& keyword, Lang lang);
// A timer that fired, as the ladder marks it ("RTO fired"), in the language on screen.
std::string timer_fired_words(const std::string& timer);
// A decoder's error (a bad checksum, a malformed frame) with its detail.
std::string decode_error_text(wire::DecodeErrorKind kind, const std::string& detail, Lang lang);

// A segment's TCP options as the inspector lists them ("MSS 1460, window scale 7, SACK
// permitted"); "" for none.
std::string options_text(const wire::TcpOptions& o, Lang lang);

}  // namespace synack::ui
