// Teachers' lessons, good and broken (tests/lessons/), opened by both paths a teacher
// has: the app's file open (open_lesson_text, no window) and `synack lesson`. Both must
// accept the same files and say the same words, line for line, and those words must be
// the ones each file expects (its "# expect: " comment lines, in order).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "app.hpp"

using namespace synack;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> expected(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& l : split(text))
    if (l.rfind("# expect: ", 0) == 0) out.push_back(l.substr(10));
  return out;
}

struct CliRun {
  int status = -1;
  std::vector<std::string> said;  // stderr lines, without "synack: "
};

CliRun run_cli(const std::string& file) {
  const std::string cmd = std::string("'") + SYNACK_CLI + "' lesson '" + file + "' 2>&1 >/dev/null";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  for (std::string l : split(out)) r.said.push_back(l.rfind("synack: ", 0) == 0 ? l.substr(8) : l);
  return r;
}

struct Counts {
  int files = 0, accepted = 0, refused = 0;
};

// Every lesson file of tests/lessons/DIR through both paths; `good`: each must open.
Counts check_folder(const std::string& dir, bool good) {
  Counts c;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path("tests/lessons") / dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    const std::string name = f.generic_string();  // relative: messages name the file as a teacher would
    const std::string text = read(f);
    ui::App app;
    const bool opened = ui::open_lesson_text(app, name, text);
    std::vector<std::string> app_said = split(app.file_error);
    for (const std::string& w : split(app.file_warning)) app_said.push_back(w);
    const CliRun cli = run_cli(name);
    ++c.files;
    (opened ? c.accepted : c.refused)++;
    EXPECT_EQ(opened, good) << name << ":\n" << app.file_error;
    EXPECT_EQ(cli.status, opened ? 0 : 1) << name;
    EXPECT_EQ(app_said, cli.said) << name << ": the app and the CLI say different things";
    EXPECT_EQ(app_said, expected(text)) << name << ": not what its '# expect: ' lines say";
    EXPECT_EQ(app.lesson.active(), opened) << name;
  }
  return c;
}

}  // namespace

TEST(LessonCorpus, TheAppAndTheCliAcceptTheSameLessonsWithTheSameWords) {
  fs::current_path(SYNACK_SOURCE_DIR);
  const Counts good = check_folder("good", true);
  const Counts beside = check_folder("beside", true);
  const Counts broken = check_folder("broken", false);
  EXPECT_GE(good.files, 5);
  EXPECT_GE(broken.files, 10);
  std::printf("corpus: %d good, %d good with files beside them, %d broken; all %d agree\n", good.files, beside.files,
              broken.files, good.files + beside.files + broken.files);
}
