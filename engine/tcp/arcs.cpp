#include "tcp/arcs.hpp"

namespace synack::tcp {

namespace {

using S = State;
using C = Cause;

// In the figure's order, then each state's ways to CLOSED. Where a figure arc has several
// causes (how the ACK of a SYN,ACK arrived), each has a row and all carry its label.
constexpr Arc kArcs[] = {
    // Opening (RFC 9293 3.5).
    {S::Closed, C::Listen, S::Listen, "passive open"},  // the host's listener, not a Connection
    {S::Listen, C::CloseListener, S::Closed, nullptr},  // the listener closed
    {S::Closed, C::ConnectSendsSyn, S::SynSent, "active open / SYN"},
    {S::Listen, C::SynInListen, S::SynReceived, "rcv SYN / SYN,ACK"},
    {S::SynSent, C::SimultaneousOpen, S::SynReceived, "rcv SYN / ACK"},
    {S::SynReceived, C::AckOfSynAck, S::Established, "rcv ACK of SYN"},
    {S::SynReceived, C::DataAckedSynAck, S::Established, "rcv ACK of SYN"},
    {S::SynReceived, C::SynAckReceived, S::Established, "rcv ACK of SYN"},  // a simultaneous open's SYN,ACK
    {S::SynReceived, C::TwoWayHandshake, S::Established, "rcv ACK of SYN"},  // the counterfactual stack
    {S::SynSent, C::SynAckReceived, S::Established, "rcv SYN,ACK / ACK"},
    // Closing (RFC 9293 3.6).
    {S::SynReceived, C::CloseSendsFin, S::FinWait1, "close / FIN"},
    {S::Established, C::CloseSendsFin, S::FinWait1, "close / FIN"},
    {S::Established, C::FinReceived, S::CloseWait, "rcv FIN / ACK"},
    {S::FinWait1, C::OurFinAcked, S::FinWait2, "rcv ACK of FIN"},
    {S::FinWait1, C::SimultaneousClose, S::Closing, "rcv FIN / ACK"},
    {S::FinWait1, C::FinAckTogether, S::TimeWait, "rcv FIN+ACK / ACK"},
    {S::FinWait2, C::FinReceived, S::TimeWait, "rcv FIN / ACK"},
    {S::Closing, C::OurFinAckedInClosing, S::TimeWait, "rcv ACK of FIN"},
    {S::CloseWait, C::CloseSendsFin, S::LastAck, "close / FIN"},
    {S::LastAck, C::Closed, S::Closed, "rcv ACK of FIN"},  // also a RST: the peer is done either way
    {S::TimeWait, C::Closed, S::Closed, "2MSL timeout"},   // also a RST, a reopening SYN
    // SYN-SENT's ends: close() (nothing queued, or queued data given up), a RST
    // acknowledging our SYN, the SYN retries or the user timeout.
    {S::SynSent, C::Closed, S::Closed, "close / timeout"},
    {S::SynSent, C::Aborted, S::Closed, "close / timeout"},
    {S::SynSent, C::Refused, S::Closed, nullptr},
    {S::SynSent, C::TimedOut, S::Closed, "close / timeout"},
    // A half-open connection: reset (passive, RFC 9293 3.10.7.4 second check, or refused
    // after a simultaneous open), given up after the SYN,ACK retries, aborted, timed out.
    {S::SynReceived, C::Reset, S::Closed, nullptr},
    {S::SynReceived, C::Refused, S::Closed, nullptr},
    {S::SynReceived, C::GaveUp, S::Closed, nullptr},
    {S::SynReceived, C::Aborted, S::Closed, nullptr},
    {S::SynReceived, C::TimedOut, S::Closed, nullptr},
    // The synchronized states: a RST at RCV.NXT, abort(), a timeout (retransmissions,
    // keep-alive, zero-window probes, the user timeout).
    {S::Established, C::Reset, S::Closed, nullptr},
    {S::Established, C::Aborted, S::Closed, nullptr},
    {S::Established, C::TimedOut, S::Closed, nullptr},
    {S::FinWait1, C::Reset, S::Closed, nullptr},
    {S::FinWait1, C::Aborted, S::Closed, nullptr},
    {S::FinWait1, C::TimedOut, S::Closed, nullptr},
    {S::FinWait2, C::Reset, S::Closed, nullptr},
    {S::FinWait2, C::Aborted, S::Closed, nullptr},
    {S::CloseWait, C::Reset, S::Closed, nullptr},
    {S::CloseWait, C::Aborted, S::Closed, nullptr},
    {S::CloseWait, C::TimedOut, S::Closed, nullptr},
    {S::Closing, C::Closed, S::Closed, nullptr},  // a RST: the peer is done anyway
    {S::Closing, C::Aborted, S::Closed, nullptr},
    {S::Closing, C::TimedOut, S::Closed, nullptr},
    {S::LastAck, C::Aborted, S::Closed, nullptr},
    {S::LastAck, C::TimedOut, S::Closed, nullptr},
    {S::TimeWait, C::Aborted, S::Closed, nullptr},
};

}  // namespace

std::span<const Arc> arcs() { return kArcs; }

const Arc* find_arc(State from, State to, Cause cause) {
  for (const Arc& a : kArcs)
    if (a.from == from && a.to == to && a.cause == cause) return &a;
  return nullptr;
}

}  // namespace synack::tcp
