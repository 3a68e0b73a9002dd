// libFuzzer: any byte string as a pcap file gives records or a typed error, and each
// record's bytes decode as a frame or fail cleanly.
#include <cstddef>
#include <cstdint>

#include "wire/frame.hpp"
#include "wire/pcap.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto records = synack::wire::read_pcap(synack::wire::ByteView(data, size));
  if (!records) return 0;
  for (const auto& r : *records) {
    auto f = synack::wire::decode_frame(r.data, true);
    (void)f;
  }
  return 0;
}
