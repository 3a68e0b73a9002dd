#include "trace/trace.hpp"

namespace synack::trace {

const char* to_string(Ev e) {
  switch (e) {
    case Ev::FrameSent: return "frame_sent";
    case Ev::FrameReceived: return "frame_received";
    case Ev::FrameDelivered: return "frame_delivered";
    case Ev::FrameDropped: return "frame_dropped";
    case Ev::FaultApplied: return "fault_applied";
    case Ev::LinkState: return "link_state";
    case Ev::NicCounters: return "nic_counters";
    case Ev::StateChange: return "state_change";
    case Ev::TimerArmed: return "timer_armed";
    case Ev::TimerCancelled: return "timer_cancelled";
    case Ev::TimerFired: return "timer_fired";
    case Ev::AppCall: return "app_call";
    case Ev::AppResult: return "app_result";
    case Ev::Memory: return "memory";
    case Ev::Tcb: return "tcb";
    case Ev::Note: return "note";
  }
  return "unknown";
}

const char* to_string(DropReason r) {
  switch (r) {
    case DropReason::None: return "none";
    case DropReason::FaultRule: return "fault rule";
    case DropReason::LinkDown: return "link down";
    case DropReason::MacFilter: return "NIC MAC filter";
    case DropReason::RxRingFull: return "NIC rx ring full";
    case DropReason::TxQueueFull: return "NIC tx queue full";
    case DropReason::BadChecksum: return "bad checksum";
    case DropReason::Malformed: return "malformed";
    case DropReason::NotForUs: return "not for this host";
    case DropReason::SwitchNoPort: return "switch: unknown destination";
  }
  return "unknown";
}

const char* to_string(Site s) {
  switch (s) {
    case Site::Cable: return "cable";
    case Site::Switch: return "switch";
    case Site::NicTx: return "nic-tx";
    case Site::NicRx: return "nic-rx";
    case Site::Ip: return "ip";
    case Site::Tap: return "tap";
  }
  return "unknown";
}

const FaultDesc& fault_rule(const std::vector<FaultDesc>& rules, uint32_t n) {
  static const FaultDesc kNone;
  return n >= 1 && n <= rules.size() ? rules[n - 1] : kNone;
}

}  // namespace synack::trace
