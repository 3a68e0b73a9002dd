// Writes a big capture for the import benchmark: the bulk-transfer scenario's pcap
// export repeated until the file reaches SIZE_MB, each copy a new connection (the client
// port moves on, checksums recomputed) and later in time. Then time and peak memory of
// `synack replay FILE` measure opening it natively (scripts: see docs/PERFORMANCE.md).
// usage: capture_file_gen SCENARIO.toml OUT.pcap [SIZE_MB=100]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "scenario/scenario.hpp"
#include "trace/export.hpp"
#include "wire/capture_file.hpp"
#include "wire/frame.hpp"
#include "wire/pcap.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: capture_file_gen SCENARIO.toml OUT.pcap [SIZE_MB]\n";
    return 2;
  }
  const uint64_t target = (argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 100) << 20;
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  auto sc = synack::scenario::parse_scenario(text.str(), argv[1]);
  if (!sc) {
    std::cerr << sc.error().str() << "\n";
    return 2;
  }
  auto world = synack::scenario::build_world(*sc);
  world->run(sc->until);
  const synack::wire::Bytes one = synack::trace::to_pcap(world->trace());
  auto cap = synack::wire::read_capture(one);
  if (!cap) return 2;
  synack::wire::PcapWriter w;
  int64_t last = 0;
  for (uint16_t copy = 0; w.bytes().size() < target; ++copy) {
    const int64_t shift = last + 1000000;  // each copy starts 1 ms after the previous ends
    for (const auto& p : cap->packets) {
      const auto raw = cap->bytes(one, p);
      auto f = synack::wire::decode_frame(raw, false);
      if (!f || !f->tcp) continue;
      auto seg = *f->tcp;
      if (seg.src_port != 80) seg.src_port = static_cast<uint16_t>(seg.src_port + copy);
      if (seg.dst_port != 80) seg.dst_port = static_cast<uint16_t>(seg.dst_port + copy);
      w.add(shift + p.time_ns, synack::wire::build_tcp_frame(f->eth.src, f->eth.dst, *f->ip, seg));
      last = shift + p.time_ns;
      if (w.bytes().size() >= target) break;
    }
  }
  std::ofstream out(argv[2], std::ios::binary);
  out.write(reinterpret_cast<const char*>(w.bytes().data()), static_cast<std::streamsize>(w.bytes().size()));
  std::printf("%s: %zu bytes\n", argv[2], w.bytes().size());
  return out ? 0 : 1;
}
