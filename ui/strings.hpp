#pragma once
// Every user-visible string goes through tr(), so a translation is one new table.
namespace synack::ui {

enum class Str {
  AppTagline,
  Client,
  Server,
  Nic,
  RxRing,
  Cable,
  Scenario,
  NoScenario,
  Ladder,
  LadderEmpty,
  Help,
  HelpTitle,
  HelpBody,
  StateClosed,
  Play,
  Pause,
  Start,
  PrevEvent,
  NextEvent,
  Speed,
  SkipQuiet,
  Time,
  Relative,
  Inspector,
  InspectorEmpty,
  NotRealTcp,
  InFlight,
  Dropped,
  Retransmission,
  ScenarioError,
  Legend,
  Events,
  ControlBlocks,
  Count_
};

enum class Lang { En };

const char* tr(Str id, Lang lang = Lang::En);

}  // namespace synack::ui
