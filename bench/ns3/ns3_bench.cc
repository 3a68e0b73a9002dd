// The peer in synack's benchmark: ns-3 (3.37, Debian's libns3-dev) running the same two
// macro scenarios as bench/engine_bench.cpp, with the same link parameters and TCP
// settings as close as ns-3 allows, so that wall time and simulated events compare:
//   --scenario=transfer     (a) 10 MB over 100 Mb/s, 5 ms each way, 1% of frames lost
//                               either way; NewReno, MSS 1460, 64 KB buffers, no SACK,
//                               no delayed ACK, initial window 3 segments, min RTO 1 s
//   --scenario=connections  (b) 100 clients and a server on a 1 Gb/s switch (50 us
//                               cables), each client 100 short connections in turn:
//                               handshake, 1000-byte request, 1000-byte echo, close
// Prints one JSON object: wall_ms, events (Simulator::GetEventCount), segments (frames
// put on the wire by the hosts), sim_seconds, and whether the work completed.
// Differences that remain: ns-3's switch is a BridgeNetDevice over CSMA links (ns-3's
// point-to-point devices cannot be bridged), and in (a) the sender opens the connection.
#include <chrono>
#include <cstdio>
#include <string>

#include "ns3/applications-module.h"
#include "ns3/bridge-module.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

using namespace ns3;

namespace {

uint64_t g_segments = 0;
void CountTx(Ptr<const Packet>) { ++g_segments; }

// The TCP settings synack's hosts use by default (tcp/config.hpp, TcpConfig::rfc()).
void ConfigureTcp() {
  Config::SetDefault("ns3::TcpL4Protocol::SocketType", TypeIdValue(TcpNewReno::GetTypeId()));
  Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1460));
  Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(65535));
  Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(65535));
  Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(3));
  Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
  Config::SetDefault("ns3::TcpSocketBase::Sack", BooleanValue(false));
  Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(false));
  Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(Seconds(1)));
}

// (a)
bool Transfer() {
  NodeContainer nodes;
  nodes.Create(2);
  PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
  p2p.SetChannelAttribute("Delay", StringValue("5ms"));
  p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
  NetDeviceContainer devs = p2p.Install(nodes);
  for (uint32_t i = 0; i < 2; ++i) {
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(0.01));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    devs.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    devs.Get(i)->TraceConnectWithoutContext("PhyTxBegin", MakeCallback(&CountTx));
  }
  InternetStackHelper stack;
  stack.Install(nodes);
  Ipv4AddressHelper addr("10.0.0.0", "255.255.255.0");
  Ipv4InterfaceContainer ifs = addr.Assign(devs);

  PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 80));
  ApplicationContainer sinkApp = sink.Install(nodes.Get(0));
  BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ifs.GetAddress(0), 80));
  bulk.SetAttribute("MaxBytes", UintegerValue(10'000'000));
  bulk.Install(nodes.Get(1));
  Simulator::Stop(Seconds(600));
  Simulator::Run();
  return DynamicCast<PacketSink>(sinkApp.Get(0))->GetTotalRx() == 10'000'000;
}

// (b) the echo server: every byte back, and close when the client closes.
class EchoServer : public Application {
  void StartApplication() override {
    listener_ = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    listener_->Bind(InetSocketAddress(Ipv4Address::GetAny(), 80));
    listener_->Listen();
    listener_->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeCallback(&EchoServer::Accept, this));
  }
  void Accept(Ptr<Socket> s, const Address&) {
    s->SetRecvCallback(MakeCallback(&EchoServer::Echo, this));
    s->SetCloseCallbacks(MakeCallback(&EchoServer::PeerClosed, this), MakeCallback(&EchoServer::PeerClosed, this));
  }
  void Echo(Ptr<Socket> s) {
    while (Ptr<Packet> p = s->Recv()) {
      if (p->GetSize() == 0) break;
      s->Send(p);
    }
  }
  void PeerClosed(Ptr<Socket> s) { s->Close(); }
  Ptr<Socket> listener_;
};

int g_exchanges = 0;

// (b) a client: `count` short connections in turn, each one request and its reply.
class ShortConnectionClient : public Application {
 public:
  void Setup(Address server, int count) {
    server_ = server;
    left_ = count;
  }

 private:
  void StartApplication() override { Next(); }
  void Next() {
    if (left_-- == 0) return;
    got_ = 0;
    Ptr<Socket> s = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    current_ = s;
    s->Bind();
    s->SetConnectCallback(MakeCallback(&ShortConnectionClient::Connected, this),
                          MakeNullCallback<void, Ptr<Socket>>());
    s->SetRecvCallback(MakeCallback(&ShortConnectionClient::Read, this));
    s->Connect(server_);
  }
  void Connected(Ptr<Socket> s) { s->Send(Create<Packet>(1000)); }
  void Read(Ptr<Socket> s) {
    while (Ptr<Packet> p = s->Recv())
      if (s == current_) got_ += p->GetSize();
    if (s != current_ || got_ < 1000) return;  // a closed connection's late bytes
    current_ = nullptr;
    ++g_exchanges;
    s->Close();
    Next();
  }
  Address server_;
  Ptr<Socket> current_;
  int left_ = 0;
  uint32_t got_ = 0;
};

bool Connections() {
  Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(0.5));  // TIME-WAIT 1 s, as synack's clients
  Config::SetDefault("ns3::TcpSocket::ConnCount", UintegerValue(6));
  NodeContainer hosts;  // 0: the server, 1..100: clients
  hosts.Create(101);
  Ptr<Node> sw = CreateObject<Node>();
  CsmaHelper csma;
  csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
  csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
  csma.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
  NetDeviceContainer hostDevs, swDevs;
  for (uint32_t i = 0; i < hosts.GetN(); ++i) {
    NetDeviceContainer pair = csma.Install(NodeContainer(hosts.Get(i), sw));
    hostDevs.Add(pair.Get(0));
    swDevs.Add(pair.Get(1));
    pair.Get(0)->TraceConnectWithoutContext("PhyTxBegin", MakeCallback(&CountTx));
  }
  BridgeHelper bridge;
  bridge.Install(sw, swDevs);
  InternetStackHelper stack;
  stack.Install(hosts);
  Ipv4AddressHelper addr("10.0.0.0", "255.255.0.0");
  Ipv4InterfaceContainer ifs = addr.Assign(hostDevs);

  Ptr<EchoServer> server = CreateObject<EchoServer>();
  hosts.Get(0)->AddApplication(server);
  for (uint32_t i = 1; i < hosts.GetN(); ++i) {
    Ptr<ShortConnectionClient> c = CreateObject<ShortConnectionClient>();
    c->Setup(InetSocketAddress(ifs.GetAddress(0), 80), 100);
    c->SetStartTime(MicroSeconds(10 * (i - 1)));
    hosts.Get(i)->AddApplication(c);
  }
  Simulator::Stop(Seconds(600));
  Simulator::Run();
  return g_exchanges == 10000;
}

}  // namespace

int main(int argc, char** argv) {
  std::string scenario = "transfer";
  CommandLine cmd;
  cmd.AddValue("scenario", "transfer or connections", scenario);
  cmd.Parse(argc, argv);
  ConfigureTcp();
  const auto start = std::chrono::steady_clock::now();
  const bool ok = scenario == "transfer" ? Transfer() : Connections();
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"scenario\": \"%s\", \"wall_ms\": %.1f, \"events\": %llu, \"segments\": %llu, "
              "\"sim_seconds\": %.3f, \"completed\": %s}\n",
              scenario.c_str(), wall_ms, static_cast<unsigned long long>(Simulator::GetEventCount()),
              static_cast<unsigned long long>(g_segments), Simulator::Now().GetSeconds(), ok ? "true" : "false");
  Simulator::Destroy();
  return ok ? 0 : 1;
}
