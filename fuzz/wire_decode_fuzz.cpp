// libFuzzer: any byte string as a frame decodes to a value or a typed error.
#include <cstddef>
#include <cstdint>

#include "wire/frame.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const synack::wire::ByteView in(data, size);
  for (bool verify : {true, false}) {
    auto f = synack::wire::decode_frame(in, verify);
    if (f && f->tcp) {
      // What decoded must be readable: touch every part a view would show.
      volatile size_t n = f->tcp->payload.size() + f->tcp->options.sack.size() + f->tcp->header_length();
      (void)n;
    } else if (!f) {
      volatile size_t n = f.error().message().size();
      (void)n;
    }
  }
  return 0;
}
