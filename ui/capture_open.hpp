#pragma once
// Opening a capture file in the app (bring your own capture): its TCP connections are
// listed, the first complete one plays as a Run (analysis/capture_run.hpp), and any other
// can be chosen. The file is the learner's, so nothing in it is trusted: a file refused
// (truncated, wrong magic, absurd lengths, too big, no TCP) changes nothing on screen
// but the open-file window's message, which names the file and the byte offset.
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/capture_run.hpp"

namespace synack::ui {

struct App;

// The capture file open in the app: its bytes (the index points into them) and what
// reading them found.
struct OpenCapture {
  std::string name;
  std::vector<uint8_t> bytes;
  analysis::OpenedCapture opened;
  bool listing = false;  // the connection list is on screen
};

// pcap (either byte order, micro- or nanoseconds) or pcapng, by the file's first four bytes.
bool looks_like_capture(const uint8_t* bytes, size_t size);

// Reads the file and shows its default connection; false (and file_error) if refused.
bool open_capture_bytes(App& app, std::string name, std::vector<uint8_t> bytes);
// Shows connection `stream` of the open capture.
void choose_capture_stream(App& app, size_t stream);

// In the side panel under the run's name: the capture's facts (each state inferred from
// one point on the path, where the capture was taken, bytes it missed) and the way to
// the list of connections.
void draw_capture_facts(App& app);
// The list of the capture's connections, when asked for (or on opening a file with more
// than one): one row each, chosen by a click.
void draw_capture_list(App& app);

// The open capture for tests (window.synack.ui.capture): null, or its file, connection,
// where it was taken, whether each end's state at the playhead is inferred.
std::string capture_json(const App& app);

// Words the capture's screens say, in the app's language.
enum class CaptureWord { OpenCapture, Inferred, Where, Missed, BreakOff, Connections, Choose, Header, InferredShort };
const char* capture_word(CaptureWord w);

}  // namespace synack::ui
