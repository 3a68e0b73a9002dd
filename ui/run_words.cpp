#include "run_words.hpp"

#include <cstdio>

#include "sim/time_text.hpp"

namespace synack::ui {

namespace {

std::string num(uint64_t n) { return std::to_string(n); }

// The words of a Chinese networking textbook (GLOSSARY.md): 报文段, 重传, 超时, 丢弃,
// 网卡, 网线, 四元组 ... Each switch names every key (-Wswitch makes a missing one an
// error), and strings_test.cpp checks that each says something other than the English.
class ChineseWords : public trace::Words {
 public:
  std::string note(const trace::FrameNote& n, const std::vector<trace::FaultDesc>& rules) const override {
    using K = trace::FrameNoteKind;
    switch (n.kind) {
      case K::None: return "";
      case K::Retransmission: return "第 " + num(n.n) + " 次重传（" + cause_of(n.cause) + "）";
      case K::SynAgain: return "重传（又收到了 SYN）";
      case K::GoBack: return "重传（超时后从 SND.UNA 起回退重发）";
      case K::SimultaneousOpen: return "同时打开";
      case K::KeepAliveProbe: return "第 " + num(n.n) + " 个保活探测";
      case K::KeepAliveAck: return "保活 ACK";
      case K::ZeroWindowProbe: return "零窗口探测";
      case K::ZeroWindow: return "零窗口";
      case K::DuplicateAck: return "重复 ACK";
      case K::HalfOpenReset: return "复位半开连接（可选行为）";
      case K::ResetNoListener: return "复位：端口 " + num(n.n) + " 上没有连接，也没有监听";
      case K::ResetListenerAck: return "复位：监听套接字没有这个 ACK 所属的连接";
      case K::Handmade: return "手工构造的测试报文段";
      case K::ArpRequest: return "ARP 请求";
      case K::ArpReply: return "ARP 应答";
      case K::FromKernel: return "来自 Linux 内核";
      case K::FaultCopy: return "故障规则 " + num(n.n) + " 复制出的副本：" + fault(trace::fault_rule(rules, n.n));
      case K::FaultCorrupted: return "被故障规则 " + num(n.n) + " 损坏：" + fault(trace::fault_rule(rules, n.n));
      case K::Capture: return n.words;  // a capture's own words (capture/replay.cpp)
    }
    return n.words;
  }

  std::string note_brief(const trace::FrameNote& n, const std::vector<trace::FaultDesc>& rules) const override {
    using K = trace::FrameNoteKind;
    switch (n.kind) {
      case K::Retransmission: return "第 " + num(n.n) + " 次重传";
      case K::SynAgain:
      case K::GoBack: return "重传";
      case K::HalfOpenReset: return "复位半开连接";
      case K::FaultCopy: return "故障规则 " + num(n.n) + " 复制出的副本";
      case K::FaultCorrupted: return "被故障规则 " + num(n.n) + " 损坏";
      case K::Capture: return trace::english().note_brief(n, rules);
      default: return "";
    }
  }

  std::string tcp_note(trace::TcpNote note, uint64_t n) const override {
    using T = trace::TcpNote;
    const std::string k = num(n);
    switch (note) {
      case T::TwoWayHandshake: return "两次握手（不是真实的 TCP）：没有第三个报文段就进入了 ESTABLISHED";
      case T::FinWaitsForSynAck: return "FIN 要等我们的 SYN 被确认之后才发送";
      case T::FinWaitsBehindData: return "FIN 排在 " + k + " 字节尚未发送的数据之后";
      case T::UnacceptableAckInSynSent: return "SYN-SENT 状态收到不可接受的 ACK：回复 RST";
      case T::TimeWaitFinAgain: return "TIME-WAIT：收到重传的 FIN，回复 ACK，2MSL 重新计时";
      case T::SynChallengeAck: return "已同步的状态下收到 SYN：回复挑战 ACK（challenge ACK）";
      case T::FinBeforeGap: return "FIN 先到了，它前面还缺 " + k + " 字节：FIN 等这些数据到齐";
      case T::RstChallengeAck: return "RST 在窗口内但不在 RCV.NXT：回复挑战 ACK（RFC 5961）";
      case T::RstInTimeWait: return "TIME-WAIT 中收到 RST，提前结束等待（RFC 1337：TIME-WAIT 暗杀）";
      case T::UnacceptableAckInSynRcvd: return "SYN-RCVD 状态收到的 ACK 确认的不是我们发出的数据：回复 RST";
      case T::TimeWaitReopened:
        return "新的 SYN 带着更大的 ISN 或更新的时间戳，结束 TIME-WAIT，建立下一个连接（RFC 9293 3.6.1，RFC 6191）";
      case T::KeepaliveGone: return "TCP 保活：" + k + " 个探测报文都没有回应，对方已经不在了";
      case T::ZeroWindowGone: return "零窗口：" + k + " 个探测报文都没有回应，对方已经不在了";
      case T::RetriesTimeOver: return "在 " + k + " 次超时时间逐次翻倍的时长内重传都没有回应：放弃";
      case T::RetriesOver: return k + " 次重传都没有回应：放弃";
      case T::UserTimeout: return "用户超时：" + k + " ms 内没有任何进展";
      case T::AckThrottled: return "无效的报文段不予回应：ACK 限速（RFC 5961 7）";
      case T::NoTimeWait: return "没有 TIME-WAIT 的假想协议栈：立即关闭（不是真实的 TCP）";
      case T::MssZero: return "MSS 选项为 0，忽略：使用默认值 536";
    }
    return trace::english().tcp_note(note, n);
  }

  std::string mark(const trace::Mark& m) const override {
    using M = trace::MarkKind;
    switch (m.kind) {
      case M::Retransmission: return "重传";
      case M::FastRetransmission: return "快速重传";
      case M::SpuriousRetransmission: return "虚假重传";
      case M::OutOfOrder: return "乱序";
      case M::PreviousSegmentNotCaptured: return "前一个报文段未被抓到";
      case M::AckedUnseenSegment: return "确认了未抓到的报文段";
      case M::WindowUpdate: return "窗口更新";
      case M::KeepAlive: return "保活";
      case M::KeepAliveAck: return "保活 ACK";
      case M::DuplicateAck: return "第 " + num(m.of) + " 帧的第 " + num(m.n) + " 个重复 ACK";
      case M::ZeroWindowProbe: return "零窗口探测";
      case M::ZeroWindow: return "零窗口";
      case M::ZeroWindowProbeAck: return "零窗口探测的 ACK";
      case M::Count_: break;
    }
    return trace::english().mark(m);
  }

  std::string fault(const trace::FaultDesc& d) const override {
    // "丢弃第 1 个 SYN"; a rule the scenario named: its name, with that after it.
    const std::string what = action_of(d.action) + match_of(d);
    return d.name.empty() || d.name == d.action ? what : d.name + "（" + what + "）";
  }

  std::string fault_rule(uint32_t n, const trace::FaultDesc& d) const override {
    return "故障规则 " + num(n) + "：" + fault(d);
  }

  std::string detail(const trace::TraceEvent& e) const override {
    if (auto* d = e.as<trace::FrameDropped>()) return site_of(d->site);
    if (auto* s = e.as<trace::StateChange>()) {
      if (!s->inferred) return cause(s->cause);
      return s->cause == tcp::Cause::Unknown ? "抓包从连接中途开始，推断" : cause(s->cause) + "，推断";
    }
    return "";
  }

  std::string dropped(const std::string& why) const override { return "丢弃（" + why + "）"; }
  std::string conn(uint32_t c) const override { return "连接 " + num(c); }
  std::string app(uint32_t c) const override { return "应用 " + num(c); }
  std::string timer(const std::string& name, trace::TimerAction a, const std::string& due) const override {
    switch (a) {
      case trace::TimerAction::Armed: return name + " 定时器启动，将在 " + due + " 超时";
      case trace::TimerAction::Cancelled: return name + " 定时器取消";
      case trace::TimerAction::Fired: return name + " 定时器超时";
    }
    return "";
  }
  std::string memory(const trace::Memory& m) const override {
    return "内存：" + std::to_string(m.bytes) + " 字节，" + std::to_string(m.connections) + " 个连接";
  }
  std::string nic_drops(const trace::NicCounters& c) const override {
    return "网卡丢弃：MAC 过滤 " + std::to_string(c.filter_drops) + "，接收环 " + std::to_string(c.ring_drops);
  }
  std::string undecodable(const std::string& why) const override { return "无法解码的帧：" + why; }

  std::string drop(const trace::Trace& t, const trace::FrameDropped& d) const override {
    using R = trace::DropReason;
    switch (d.reason) {
      case R::FaultRule: return fault_rule(d.n, t.fault_rule(d.n));
      case R::LinkDown: return "网线断开";
      case R::MacFilter: return "网卡：目的 MAC " + d.mac.str() + " 不是本机的";
      case R::RxRingFull: return "网卡接收环形缓冲区已满（" + num(d.n) + " 个描述符）";
      case R::TxQueueFull:
        if (d.site == trace::Site::Switch) return "交换机端口 " + num(d.n) + " 的队列已满";
        if (d.site == trace::Site::Tap) return "TAP 设备拒绝写入";
        return "网卡发送队列已满";
      case R::BadChecksum:
      case R::Malformed: return decode_error_text(d.error, d.words, Lang::Zh);
      case R::NotForUs: return "IP 目的地址 " + d.ip.str() + " 不是本机";
      case R::SwitchNoPort: return "交换机：找不到目的地址所在的端口";
      case R::None: break;
    }
    return "无";
  }

  std::string call(const trace::AppCall& c) const override {
    using C = trace::Call;
    switch (c.call) {
      case C::Listen: return "listen(" + num(c.port) + ")";
      case C::Connect: return "connect(" + c.ip.str() + ":" + num(c.port) + ")，本地端口 " + num(c.local_port);
      case C::Send: return "send(" + num(c.bytes) + " 字节)";
      case C::Close:
        return c.idle_ns ? "空闲 " + sim::seconds_text(c.idle_ns, {.trim = true}) + " 之后：close()" : "close()";
      case C::Abort: return "abort()：SO_LINGER 0，强制断开";
      case C::Recv: return "recv(" + num(c.bytes) + ") 取走 " + num(c.n) + " 字节";
      case C::Requests:
        return "请求客户端：" + num(c.n) + " 个请求，每个 " + num(c.bytes) + " 字节，" +
               (c.long_connection ? "共用一个长连接" : "每个请求一个短连接");
    }
    return "?";
  }

  std::string result(const trace::AppResult& r) const override {
    using R = trace::Result;
    switch (r.result) {
      case R::ListenAddressInUse: return "地址已被占用";
      case R::ConnectAddressInUse: return "地址已被占用（这个四元组已有连接，例如处于 TIME-WAIT）";
      case R::SendEpipe: return "send() 失败：EPIPE，我方已经关闭";
      case R::SendNotConnected: return "send 被拒绝：尚未连接";
      case R::Accepted: return "accept() 返回";
      case R::Connected: return "已连接";
      case R::Received: return "recv() 收到 " + num(r.n) + " 字节";
      case R::PeerClosed: return "recv() 返回 0：对方关闭了它那一侧";
      case R::Ended: return "连接结束：" + cause(r.cause);
      case R::ReplyComplete: return "第 " + num(r.n) + " 个应答（共 " + num(r.of) + " 个）完成";
    }
    return "?";
  }

  std::string note_event(const trace::Trace& t, uint16_t host, const trace::Note& n) const override {
    using N = trace::NoteKind;
    switch (n.kind) {
      case N::Tcp: return tcp_note(n.tcp, n.n);
      case N::CloseUnread: return "close() 时还有 " + num(n.n) + " 字节未读：复位（RFC 2525 2.17）";
      case N::NoNeighbour: return "没有 " + n.ip.str() + " 的邻居表项：报文段未发送";
      case N::ArpWhoHas: return "ARP：谁是 " + n.ip.str() + "？";
      case N::HandmadeNotSent: return "手工报文段未发送：" + n.words;
      case N::HandmadeInjected:
        return "注入手工报文段（测试报文段，不是 " + t.host_name(host) + " 的 TCP 发出的）：" + n.words;
      case N::MalformedOption: return "TCP 选项格式错误：从它起的选项都被忽略（" + n.words + "）";
      case N::BacklogFull: return "监听队列（backlog）已满：丢弃 SYN";
      case N::ResetNoListener: return "RST：端口 " + num(n.n) + " 上没有连接，也没有监听";
      case N::ResetListenerAck: return "RST：监听套接字没有这个 ACK 所属的连接";
      case N::Capture: return "抓包：" + n.words;
    }
    return n.words;
  }

  std::string cause(tcp::Cause c) const override {
    const char* zh = tr(c, Lang::Zh);
    return *zh ? zh : tcp::to_string(c);
  }
  std::string link(bool up) const override { return up ? "网线接通" : "网线断开"; }

 private:
  static std::string cause_of(trace::RetransmitCause c) {
    switch (c) {
      case trace::RetransmitCause::Timeout: return "超时";
      case trace::RetransmitCause::FastRetransmit: return "快速重传";
      case trace::RetransmitCause::PartialAck: return "部分确认";
      case trace::RetransmitCause::TailLossProbe: return "尾部丢失探测";
    }
    return "?";
  }
  static std::string site_of(trace::Site s) {
    switch (s) {
      case trace::Site::Cable: return "网线";
      case trace::Site::Switch: return "交换机";
      case trace::Site::NicTx: return "发送方网卡";
      case trace::Site::NicRx: return "接收方网卡";
      case trace::Site::Ip: return "IP 层";
      case trace::Site::Tap: return "TAP 设备";
    }
    return "?";
  }
  static std::string action_of(const std::string& a) {
    static const std::pair<const char*, const char*> kActions[] = {
        {"drop", "丢弃"}, {"delay", "延迟"}, {"duplicate", "复制"},
        {"reorder", "乱序"}, {"corrupt", "损坏"}, {"link-down", "断开网线"}};
    for (const auto& [key, words] : kActions)
      if (a == key) return words;
    return a;
  }
  static std::string match_of(const trace::FaultDesc& d) {
    const std::string what = flags_of(d.flags, Lang::Zh);
    if (d.nth) return "第 " + num(d.nth) + " 个" + what;
    if (d.percent < 100) return "每个" + what + "的 " + num(d.percent) + "%";
    return "每个" + what;
  }

 public:
  static std::string flags_of(const std::string& f, Lang lang) {
    // The scenario file's keywords for the segments a rule matches, as a learner says them.
    static const std::pair<const char*, const char*> kEn[] = {
        {"any", "segment"}, {"syn", "SYN"}, {"syn-ack", "SYN,ACK"}, {"ack", "ACK"},
        {"data", "data segment"}, {"fin", "FIN"}, {"rst", "RST"}};
    static const std::pair<const char*, const char*> kZh[] = {
        {"any", "报文段"}, {"syn", " SYN"}, {"syn-ack", " SYN,ACK"}, {"ack", " ACK"},
        {"data", "数据报文段"}, {"fin", " FIN"}, {"rst", " RST"}};
    for (const auto& [key, words] : lang == Lang::Zh ? kZh : kEn)
      if (f == key) return words;
    return f;
  }
};

const ChineseWords kChineseWords;

// "1" -> "1st", "2" -> "2nd", "11" -> "11th".
std::string ordinal(uint32_t v) {
  const char* suffix = (v % 100 >= 11 && v % 100 <= 13) ? "th" : v % 10 == 1 ? "st" : v % 10 == 2 ? "nd" : v % 10 == 3 ? "rd" : "th";
  return std::to_string(v) + suffix;
}

}  // namespace

const trace::Words& run_words(Lang lang) { return lang == Lang::Zh ? kChineseWords : trace::english(); }

std::vector<trace::TextLine> event_log(const trace::Trace& t, Lang lang) { return trace::to_text_lines(t, {}, &run_words(lang)); }

std::string note_words(const trace::FrameNote& note, const std::vector<trace::FaultDesc>& rules, bool brief) {
  const trace::Words& w = run_words();
  return brief ? w.note_brief(note, rules) : w.note(note, rules);
}

std::string fault_in_words(const trace::FaultDesc& d, Lang lang) {
  // The scenario named its rule: its words are best.
  if (!d.name.empty() && d.name != d.action) return d.name;
  const std::string what = ChineseWords::flags_of(d.flags, lang);
  if (lang == Lang::Zh) {
    if (d.nth) return "第 " + num(d.nth) + " 个" + what;
    if (d.percent < 100) return "每个" + what + "的 " + num(d.percent) + "%";
    return "每个" + what;
  }
  if (d.nth) return "the " + ordinal(d.nth) + " " + what;
  if (d.percent < 100) return num(d.percent) + "% of each " + what;
  return "every " + what;
}

std::string timer_fired_words(const std::string& timer) {
  return timer + (language() == Lang::Zh ? " 超时" : " fired");
}

std::string fault_keyword_words(const std::string& keyword, Lang lang) {
  if (lang != Lang::Zh) return keyword;
  static const std::pair<const char*, const char*> kWords[] = {
      {"drop", "丢弃"}, {"delay", "延迟"}, {"duplicate", "复制"}, {"reorder", "乱序"}, {"corrupt", "损坏"},
      {"link-down", "断开网线"}, {"any", "报文段"}, {"syn", "SYN"}, {"syn-ack", "SYN,ACK"}, {"ack", "ACK"},
      {"data", "数据报文段"}, {"fin", "FIN"}, {"rst", "RST"}};
  for (const auto& [key, words] : kWords)
    if (keyword == key) return words;
  return keyword;
}

std::string decode_error_text(wire::DecodeErrorKind kind, const std::string& detail, Lang lang) {
  if (lang != Lang::Zh) return wire::DecodeError{kind, detail}.message();
  using K = wire::DecodeErrorKind;
  const char* k = "";
  switch (kind) {
    case K::Truncated: k = "字节不够"; break;
    case K::UnsupportedType: k = "不支持的类型"; break;
    case K::BadVersion: k = "IP 版本号不是 4"; break;
    case K::BadHeaderLength: k = "IP 头部长度错误"; break;
    case K::BadTotalLength: k = "IP 总长度错误"; break;
    case K::BadIpChecksum: k = "IP 校验和错误"; break;
    case K::Fragmented: k = "IP 分片（synack 不重组分片）"; break;
    case K::BadDataOffset: k = "TCP 数据偏移错误"; break;
    case K::BadOptionLength: k = "TCP 选项长度错误"; break;
    case K::BadOptionValue: k = "TCP 选项的值错误"; break;
    case K::BadTcpChecksum: k = "TCP 校验和错误"; break;
    case K::BadPcapHeader: k = "pcap 文件头错误"; break;
    case K::BadPcapRecord: k = "pcap 记录错误"; break;
  }
  // The detail is the decoder's figures (offsets, lengths, checksums): they read the same.
  return detail.empty() ? std::string(k) : std::string(k) + "：" + detail;
}

std::string options_text(const wire::TcpOptions& o, Lang lang) {
  const bool zh = lang == Lang::Zh;
  std::vector<std::string> said;
  if (o.mss) said.push_back("MSS " + std::to_string(*o.mss));
  if (o.window_scale) said.push_back((zh ? "窗口缩放系数 " : "window scale ") + std::to_string(*o.window_scale));
  if (o.sack_permitted) said.push_back(zh ? "允许选择确认 (SACK)" : "SACK permitted");
  if (o.timestamps)
    said.push_back((zh ? "时间戳 " : "timestamps ") + std::to_string(o.timestamps->value) + "/" +
                   std::to_string(o.timestamps->echo_reply));
  for (const auto& b : o.sack) said.push_back("SACK " + std::to_string(b.left) + "-" + std::to_string(b.right));
  std::string out;
  for (const std::string& s : said) out += (out.empty() ? "" : zh ? "，" : ", ") + s;
  return out;
}

std::string drop_text(const analysis::SegmentView& s, const std::vector<trace::FaultDesc>& rules) {
  using trace::DropReason;
  switch (s.drop) {
    case DropReason::LinkDown: return tr(Str::DropLinkDown);
    case DropReason::MacFilter: return tr(Str::DropMacFilter);
    case DropReason::RxRingFull: return trf(Str::DropRxRingFullFmt, static_cast<long long>(s.drop_value));
    case DropReason::TxQueueFull: return tr(Str::DropTxQueueFull);
    case DropReason::BadChecksum: return trf(Str::DropBadChecksumFmt, decode_error_text(s.error, s.why, language()).c_str());
    case DropReason::Malformed: return trf(Str::DropMalformedFmt, decode_error_text(s.error, s.why, language()).c_str());
    case DropReason::NotForUs: return tr(Str::DropNotForUs);
    case DropReason::SwitchNoPort: return tr(Str::DropSwitchNoPort);
    case DropReason::FaultRule:
      return trf(Str::DropOnPurposeFmt,
                 fault_in_words(trace::fault_rule(rules, static_cast<uint32_t>(s.drop_value)), language()).c_str());
    case DropReason::None: break;
  }
  return "";
}

}  // namespace synack::ui
