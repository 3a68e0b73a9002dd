// Engine benchmarks (Google Benchmark). Micro: the event queue, wire encode/decode with
// checksums. Macro, each reporting simulated events and segments per second of wall time:
//   (a) a 10 MB transfer over a 100 Mb/s link that loses 1% of frames;
//   (b) 10,000 connections (100 clients x 100 short connections) through one switch,
//       each a handshake, a 1 KB request, a 1 KB reply and a close;
//   (c) 100,000 idle established connections: heap bytes per connection, the trace's
//       share taken out (what the trace records is not the connections' cost).
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>

#include "sim/event_queue.hpp"
#include "trace/trace.hpp"
#include "wire/ethernet.hpp"
#include "wire/frame.hpp"
#include "wire/ipv4.hpp"
#include "wire/tcp_header.hpp"
#include "world/world.hpp"

using namespace synack;

namespace {

void BM_EventQueue(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    sim::EventQueue q;
    uint64_t sum = 0;
    // Pseudo-random times, as timers and frames interleave in a run.
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < n; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      q.schedule(sim::Time{static_cast<int64_t>(x % 1000000000)}, [&sum, i] { sum += static_cast<uint64_t>(i); });
    }
    while (q.run_next()) {
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_EventQueue)->Arg(100000);

wire::Bytes syn_frame() {
  wire::TcpSegment s;
  s.src_port = 49152;
  s.dst_port = 80;
  s.seq = 123456789;
  s.flags = wire::tcpflag::SYN;
  s.window = 65535;
  s.options.mss = 1460;
  s.options.window_scale = 7;
  s.options.sack_permitted = true;
  s.options.timestamps = wire::Timestamps{1, 0};
  const wire::Ipv4Addr a{0x0a000001}, b{0x0a000002};
  wire::Bytes tcp;
  wire::encode_tcp(s, a, b, tcp);
  wire::Bytes ip;
  wire::Ipv4Header h;
  h.src = a;
  h.dst = b;
  wire::encode_ipv4(h, tcp, ip);
  wire::Bytes frame;
  wire::encode_ethernet(wire::EthernetHeader{}, frame);
  frame.insert(frame.end(), ip.begin(), ip.end());
  return frame;
}

void BM_WireEncodeSyn(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(syn_frame());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WireEncodeSyn);

void BM_WireDecodeVerify(benchmark::State& state) {
  const wire::Bytes f = syn_frame();
  for (auto _ : state) {
    auto d = wire::decode_frame(f, true);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WireDecodeVerify);

host::HostConfig host_cfg(std::string name, uint32_t ip, uint16_t index) {
  host::HostConfig c;
  c.name = std::move(name);
  c.mac = wire::MacAddr{{2, 1, 0, 0, static_cast<uint8_t>(index >> 8), static_cast<uint8_t>(index)}};
  c.ip = wire::Ipv4Addr{ip};
  return c;
}

// Frames put on the wire in a run: each is a segment (or an ARP frame) sent by a NIC.
size_t frames_sent(const trace::Trace& t) {
  size_t n = 0;
  for (const auto& e : t.events())
    if (e.kind() == trace::Ev::FrameSent) ++n;
  return n;
}

void report(benchmark::State& state, uint64_t events, size_t segments, double sim_seconds) {
  state.counters["sim_events"] = static_cast<double>(events);
  state.counters["segments"] = static_cast<double>(segments);
  state.counters["sim_events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["segments_per_s"] = benchmark::Counter(static_cast<double>(segments), benchmark::Counter::kIsRate);
  state.counters["sim_seconds"] = sim_seconds;
}

// (a) 10 MB from server to client, 100 Mb/s, 5 ms each way, 1% loss both ways.
void BM_Transfer10MbLossy(benchmark::State& state) {
  uint64_t events = 0;
  size_t segments = 0;
  double sim_s = 0;
  for (auto _ : state) {
    world::World w(1);
    host::Host& c = w.add_host(host_cfg("client", 0x0a000001, 1));
    host::Host& s = w.add_host(host_cfg("server", 0x0a000002, 2));
    w.connect(c, s, sim::milliseconds(5));
    w.fill_neighbour_tables();
    w.faults().push_back(link::FaultRule{.name = "1% loss", .match = {.chance_ppm = 10000}, .action = {.kind = link::FaultActionKind::Drop}});
    s.listen(80, {.send_on_accept = 10'000'000});
    w.at(sim::Time{0}, [&] { c.connect(s.config().ip, 80); });
    w.run(sim::Time{0} + sim::seconds(600));
    if (c.sockets()[0].bytes_received != 10'000'000) state.SkipWithError("the transfer did not complete");
    events += w.queue().executed();
    segments += frames_sent(w.trace());
    sim_s = static_cast<double>(w.now().ns) / 1e9;
  }
  report(state, events, segments, sim_s);
}
BENCHMARK(BM_Transfer10MbLossy)->Unit(benchmark::kMillisecond)->Iterations(3);

// (b) 100 clients on a switch, each making 100 short connections in turn to one echo
// server: 10,000 connections of handshake, 1 KB request, 1 KB reply, close.
void BM_TenThousandConnections(benchmark::State& state) {
  uint64_t events = 0;
  size_t segments = 0;
  double sim_s = 0;
  for (auto _ : state) {
    world::World w(1);
    w.add_switch(1'000'000'000, 1000);
    host::Host& server = w.add_host(host_cfg("server", 0x0a000002, 0xffff));
    w.connect_to_switch(server, sim::microseconds(50));
    std::vector<host::Host*> clients;
    for (uint32_t i = 0; i < 100; ++i) {
      host::HostConfig cfg = host_cfg("client" + std::to_string(i + 1), 0x0a000100 + i, static_cast<uint16_t>(i));
      cfg.tcp.msl = sim::seconds(1);  // 10,000 TIME-WAITs need not outlive the run
      clients.push_back(&w.add_host(cfg));
      w.connect_to_switch(*clients.back(), sim::microseconds(50));
    }
    w.fill_neighbour_tables();
    server.listen(80, {.backlog = 1024, .echo = true});
    for (size_t i = 0; i < clients.size(); ++i) {
      host::Host* h = clients[i];
      w.at(sim::Time{static_cast<int64_t>(i) * 10000}, [h, &server] {
        h->start_requests({.server = server.config().ip, .port = 80, .count = 100, .bytes = 1000});
      });
    }
    w.run(sim::Time{0} + sim::seconds(600));
    int done = 0;
    for (host::Host* h : clients) done += h->requests_done();
    if (done != 10000) state.SkipWithError(("only " + std::to_string(done) + " of 10,000 exchanges completed").c_str());
    events += w.queue().executed();
    segments += frames_sent(w.trace());
    sim_s = static_cast<double>(w.now().ns) / 1e9;
  }
  report(state, events, segments, sim_s);
}
BENCHMARK(BM_TenThousandConnections)->Unit(benchmark::kMillisecond)->Iterations(3);

// Heap the trace holds: frames, events and their strings, snapshots.
size_t trace_bytes(const trace::Trace& t) {
  size_t b = t.events().capacity() * sizeof(trace::TraceEvent) +
             t.tcb_snapshots().capacity() * sizeof(trace::TcbSnapshot);
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  for (const auto& e : t.events()) {
    if (auto* d = e.as<trace::FrameDropped>()) b += heap(d->words);
    if (auto* n = e.as<trace::Note>()) b += heap(n->words);
  }
  for (size_t i = 1; i <= t.frame_count(); ++i) {
    const trace::FrameRecord& f = t.frame(static_cast<uint32_t>(i));
    b += sizeof(trace::FrameRecord) + f.bytes.capacity() + heap(f.note.words) + f.marks.capacity() * sizeof(trace::Mark);
  }
  return b;
}

// (c) 100 clients x 1,000 connections each to one server, all established and idle.
void BM_HundredThousandIdle(benchmark::State& state) {
  for (auto _ : state) {
    // In use: small chunks plus the big ones malloc maps on their own (large vectors).
    auto in_use = [] { const struct mallinfo2 m = mallinfo2(); return m.uordblks + m.hblkhd; };
    const size_t heap_before = in_use();
    auto w = std::make_unique<world::World>(1);
    w->add_switch(1'000'000'000, 100000);
    host::Host& server = w->add_host(host_cfg("server", 0x0a000002, 0xffff));
    w->connect_to_switch(server, sim::microseconds(50));
    std::vector<host::Host*> clients;
    for (uint32_t i = 0; i < 100; ++i) {
      clients.push_back(&w->add_host(host_cfg("client" + std::to_string(i + 1), 0x0a000100 + i, static_cast<uint16_t>(i))));
      w->connect_to_switch(*clients.back(), sim::microseconds(50));
    }
    w->fill_neighbour_tables();
    server.listen(80, {.backlog = 100000, .close_on_eof = false});
    for (size_t i = 0; i < clients.size(); ++i)
      for (int k = 0; k < 1000; ++k) {
        host::Host* h = clients[i];
        w->at(sim::Time{static_cast<int64_t>(i * 1000 + static_cast<size_t>(k)) * 20000},
              [h, &server] { h->connect(server.config().ip, 80); });
      }
    w->run(sim::Time{0} + sim::seconds(30));
    size_t conns = server.connection_count();
    for (host::Host* h : clients) conns += h->connection_count();
    const size_t heap = in_use() - heap_before;
    const size_t traced = trace_bytes(w->trace());
    state.counters["connections"] = static_cast<double>(conns);
    state.counters["heap_bytes_per_conn"] =
        (static_cast<double>(heap) - static_cast<double>(traced)) / static_cast<double>(conns);
    state.counters["heap_bytes_per_conn_with_trace"] = static_cast<double>(heap) / static_cast<double>(conns);
    state.counters["trace_bytes_per_conn"] = static_cast<double>(traced) / static_cast<double>(conns);
    state.counters["reported_bytes_per_conn"] =
        static_cast<double>(server.memory_bytes()) / static_cast<double>(server.connection_count());
    if (conns != 200000) state.SkipWithError(("expected 200,000 connection ends, got " + std::to_string(conns)).c_str());
  }
}
BENCHMARK(BM_HundredThousandIdle)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
