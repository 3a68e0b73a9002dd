#include "cost_meter.hpp"

#include <algorithm>
#include <unordered_map>

#include "wire/frame.hpp"

namespace synack::ui {

using trace::Ev;

CostMeter build_cost_meter(const trace::Trace& t) {
  CostMeter m;
  m.host_names = t.hosts();
  m.hosts.resize(m.host_names.size());
  std::vector<Cost> host(m.host_names.size());
  Cost run;
  // How long a chain of trips stands behind each segment, and behind what each host has
  // heard from each peer so far: a host's next segment to a peer is one trip more than
  // the longest it has heard from that peer. Per pair of hosts, so that a server's 100
  // clients do not add up into one chain, while a client's connections one after
  // another to the same server do.
  std::unordered_map<uint32_t, int64_t> chain_of_frame;
  std::unordered_map<uint64_t, int64_t> heard;  // (host, peer IPv4 address) -> longest chain
  auto pair = [](size_t h, uint32_t peer) { return (static_cast<uint64_t>(h) << 32) | peer; };
  auto mark = [&](int64_t when, size_t h) {
    if (!m.run.empty() && m.run.back().t == when) m.run.back().total = run;
    else m.run.push_back({when, run});
    auto& hm = m.hosts[h];
    if (!hm.empty() && hm.back().t == when) hm.back().total = host[h];
    else hm.push_back({when, host[h]});
  };
  for (const trace::TraceEvent& e : t.events()) {
    if (e.host == trace::kNoHost || e.host >= host.size()) continue;
    const size_t h = e.host;
    switch (e.kind()) {
      case Ev::FrameSent: {
        const trace::FrameRecord& f = t.frame(e.frame);
        auto d = wire::decode_frame(f.bytes, false);
        if (!d || !d->tcp || !d->ip) break;  // ARP is the link's business, not a connection's cost
        const int64_t chain = heard[pair(h, d->ip->dst.v)] + 1;
        chain_of_frame[e.frame] = chain;
        for (Cost* c : {&run, &host[h]}) {
          ++c->segments;
          c->bytes += static_cast<int64_t>(f.bytes.size());
          c->data_bytes += static_cast<int64_t>(d->tcp->payload.size());
          c->trips = std::max(c->trips, chain);
        }
        mark(e.t.ns, h);
        break;
      }
      case Ev::FrameDelivered: {
        // A copy made in the network (a duplicate, a corrupted frame) carries its
        // original's chain.
        uint32_t id = e.frame;
        auto it = chain_of_frame.find(id);
        if (it == chain_of_frame.end() && t.frame(id).copy_of) it = chain_of_frame.find(t.frame(id).copy_of);
        if (it == chain_of_frame.end()) break;
        auto d = wire::decode_frame(t.frame(id).bytes, false);
        if (!d || !d->ip) break;
        int64_t& got = heard[pair(h, d->ip->src.v)];
        got = std::max(got, it->second);
        break;
      }
      case Ev::StateChange: {
        const trace::StateChange& c = *e.as<trace::StateChange>();
        if (c.from == tcp::State::Closed && c.to == tcp::State::SynSent) {
          ++run.opened;
          ++host[h].opened;
        } else if (c.from == tcp::State::Listen && c.to == tcp::State::SynReceived) {
          ++run.accepted;
          ++host[h].accepted;
        } else {
          break;
        }
        mark(e.t.ns, h);
        break;
      }
      default:
        break;
    }
  }
  return m;
}

namespace {
Cost at(const std::vector<CostMeter::Mark>& marks, int64_t t) {
  auto it = std::upper_bound(marks.begin(), marks.end(), t, [](int64_t v, const CostMeter::Mark& k) { return v < k.t; });
  return it == marks.begin() ? Cost{} : std::prev(it)->total;
}
}  // namespace

Cost cost_at(const CostMeter& m, int64_t t) { return at(m.run, t); }

Cost host_cost_at(const CostMeter& m, size_t host, int64_t t) {
  return host < m.hosts.size() ? at(m.hosts[host], t) : Cost{};
}

}  // namespace synack::ui
