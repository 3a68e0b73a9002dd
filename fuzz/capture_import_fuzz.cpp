// libFuzzer: any byte string as a capture file (pcap or pcapng) gives a packet index or
// a CaptureError; then every connection found is listed, tracked and replayed as a
// trace and its text, so the whole importer sees the input, never only the reader.
#include <cstddef>
#include <cstdint>

#include "capture/replay.hpp"
#include "trace/export.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const synack::wire::ByteView file(data, size);
  auto cap = synack::wire::read_capture(file);
  if (!cap) return 0;
  auto list = synack::capture::list_streams(*cap, file);
  if (!list) return 0;
  (void)synack::capture::stream_table(*list);
  for (size_t i = 0; i < list->streams.size() && i < 8; ++i) {
    const auto tracked = synack::capture::track(*cap, file, list->streams[i]);
    const auto tr = synack::capture::replay_trace(*cap, file, list->streams[i], tracked, i);
    (void)synack::trace::to_text(tr);
  }
  return 0;
}
