#pragma once
// The scene: client on the left, server on the right, each with its TCP state in large
// type and its NIC, joined by the cable. Drawn from a plain SceneModel, so what is on
// screen is a function of data that tests can build without a GPU.
#include <string>

namespace synack::ui {

struct HostCard {
  std::string role;     // "CLIENT" / "SERVER"
  std::string address;  // "10.0.0.1:49152"
  std::string state;    // "CLOSED", "SYN-SENT", ...
  int rx_ring_used = 0;
  int rx_ring_size = 8;
};

struct SceneModel {
  HostCard left;
  HostCard right;
  static SceneModel empty_two_hosts();
};

void draw_scene(const SceneModel& model);

}  // namespace synack::ui
