#include "host/handmade.hpp"

#include <charconv>

#include "wire/tcp_header.hpp"

namespace synack::host {

namespace {

std::optional<int64_t> number(std::string_view s, int64_t hi) {
  int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size() || v < 0 || v > hi) return std::nullopt;
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<SeqValue> parse_seq_value(std::string_view s) {
  s = trim(s);
  if (auto v = number(s, 0xffffffffLL)) return SeqValue{SeqValue::Base::Absolute, *v};
  static const std::pair<const char*, SeqValue::Base> bases[] = {
      {"isn", SeqValue::Base::Isn},       {"snd.una", SeqValue::Base::SndUna},   {"snd.nxt", SeqValue::Base::SndNxt},
      {"rcv.nxt", SeqValue::Base::RcvNxt}, {"peer.isn", SeqValue::Base::PeerIsn}};
  for (const auto& [name, base] : bases) {
    const std::string_view n(name);
    if (s.substr(0, n.size()) != n) continue;
    std::string_view rest = trim(s.substr(n.size()));
    if (rest.empty()) return SeqValue{base, 0};
    const char sign = rest.front();
    if (sign != '+' && sign != '-') return std::nullopt;
    auto v = number(trim(rest.substr(1)), 0xffffffffLL);
    if (!v) return std::nullopt;
    return SeqValue{base, sign == '+' ? *v : -*v};
  }
  return std::nullopt;
}

std::string SeqValue::str() const {
  static const char* names[] = {"", "isn", "snd.una", "snd.nxt", "rcv.nxt", "peer.isn"};
  if (base == Base::Absolute) return std::to_string(offset);
  std::string out = names[static_cast<int>(base)];
  if (offset > 0) out += "+" + std::to_string(offset);
  if (offset < 0) out += "-" + std::to_string(-offset);
  return out;
}

std::optional<uint8_t> parse_flags(std::string_view s) {
  using namespace wire::tcpflag;
  s = trim(s);
  if (s == "none") return uint8_t{0};
  static const std::pair<const char*, uint8_t> names[] = {{"SYN", SYN}, {"ACK", ACK}, {"FIN", FIN}, {"RST", RST},
                                                          {"PSH", PSH}, {"URG", URG}, {"ECE", ECE}, {"CWR", CWR}};
  uint8_t out = 0;
  while (!s.empty()) {
    const size_t cut = s.find_first_of(",+");
    const std::string_view word = trim(s.substr(0, cut));
    bool known = false;
    for (const auto& [name, bit] : names)
      if (word.size() == std::string_view(name).size() &&
          std::equal(word.begin(), word.end(), name, [](char a, char b) { return (a & ~0x20) == b; })) {
        out |= bit;
        known = true;
      }
    if (!known) return std::nullopt;
    if (cut == std::string_view::npos) break;
    s.remove_prefix(cut + 1);
    if (trim(s).empty()) return std::nullopt;  // "SYN," names nothing after the comma
  }
  return out;
}

Result<wire::Bytes, std::string> parse_option(std::string_view s) {
  using namespace wire::tcpopt;
  s = trim(s);
  const size_t eq = s.find('=');
  const std::string_view name = trim(s.substr(0, eq));
  const std::string_view value = eq == std::string_view::npos ? std::string_view{} : trim(s.substr(eq + 1));
  auto no_value = [&](wire::Bytes b) -> Result<wire::Bytes, std::string> {
    if (eq != std::string_view::npos) return Err("'" + std::string(name) + "' takes no value");
    return b;
  };
  if (name == "nop") return no_value({NOP});
  if (name == "eol") return no_value({EOL});
  if (name == "sack-permitted") return no_value({SACK_PERMITTED, 2});
  if (name == "mss") {
    auto v = number(value, 65535);
    if (!v) return Err(std::string("'mss=N' needs N from 0 to 65535"));
    return wire::Bytes{MSS, 4, static_cast<uint8_t>(*v >> 8), static_cast<uint8_t>(*v)};
  }
  if (name == "wscale") {
    auto v = number(value, 255);
    if (!v) return Err(std::string("'wscale=N' needs N from 0 to 255"));
    return wire::Bytes{WSCALE, 3, static_cast<uint8_t>(*v)};
  }
  if (name == "ts") {
    const size_t comma = value.find(',');
    auto val = number(trim(value.substr(0, comma)), 0xffffffffLL);
    auto ecr = comma == std::string_view::npos ? std::nullopt : number(trim(value.substr(comma + 1)), 0xffffffffLL);
    if (!val || !ecr) return Err(std::string("'ts=VAL,ECR' needs two numbers from 0 to 4294967295"));
    wire::Bytes b{TIMESTAMPS, 10};
    for (int64_t x : {*val, *ecr})
      for (int sh = 24; sh >= 0; sh -= 8) b.push_back(static_cast<uint8_t>(x >> sh));
    return b;
  }
  if (name == "hex") {
    wire::Bytes b;
    std::string_view rest = value;
    while (!(rest = trim(rest)).empty()) {
      const size_t sp = rest.find(' ');
      const std::string_view word = rest.substr(0, sp);
      uint8_t byte = 0;
      auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), byte, 16);
      if (word.size() != 2 || ec != std::errc{} || p != word.data() + word.size())
        return Err("'hex=' needs bytes as two hex digits separated by spaces, got \"" + std::string(word) + "\"");
      b.push_back(byte);
      if (sp == std::string_view::npos) break;
      rest.remove_prefix(sp);
    }
    if (b.empty()) return Err(std::string("'hex=' needs at least one byte"));
    return b;
  }
  return Err("unknown option \"" + std::string(s) + "\"; options are " + kOptionForms);
}

std::string HandmadeSegment::describe() const {
  std::string out = wire::flags_string(flags) + " seq=" + seq.str();
  if (flags & wire::tcpflag::ACK) out += " ack=" + ack.str();
  if (window) out += " win=" + std::to_string(*window);
  out += " len " + std::to_string(len);
  if (!options.empty()) out += ", " + std::to_string(options.size()) + " option bytes";
  if (bad_checksum) out += ", bad checksum";
  return out;
}

}  // namespace synack::host
