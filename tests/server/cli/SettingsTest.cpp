#include "server/cli/Settings.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "server/cli/Arguments.h"

namespace bookdav::server {
namespace {

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bookdav-settings-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    Arguments::setCommand("serve");
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    ::unsetenv("BOOKDAV_LISTEN");
    ::unsetenv("BOOKDAV_DEMO");
    ::unsetenv("BOOKDAV_CONFIG");
    Arguments::setCommand("");
  }
  std::string file(const std::string& text) {
    std::string path = (dir_ / "bookdav.ini").string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(SettingsTest, CommandLineThenEnvironmentThenSectionThenTopLevel) {
  std::string ini = file(
      "# a comment\n; another\ndata = /top\nlisten = 10.0.0.1:1\n[serve]\nlisten = 127.0.0.1:9\n"
      "[user]\nrole = admin\n");
  Settings s("serve", {{"BOOKDAV_TLS_CERT", "/env/cert.pem"}, {"HOME", "/root"}}, ini);
  EXPECT_EQ(s.value("tls-cert"), "/env/cert.pem");
  EXPECT_EQ(s.value("listen"), "127.0.0.1:9");  // the section over the top level
  EXPECT_EQ(s.value("data"), "/top");
  EXPECT_EQ(s.value("role"), std::nullopt);  // another command's section
  EXPECT_EQ(s.value("home"), std::nullopt);  // not a BOOKDAV_ variable
  Settings e("serve", {{"BOOKDAV_LISTEN", "127.0.0.1:7"}}, ini);
  EXPECT_EQ(e.value("listen"), "127.0.0.1:7");  // the environment over the file
}

TEST_F(SettingsTest, UnknownKeyInTheCommandsSectionIsAnError) {
  std::string ini = file("nonsense = 1\n[serve]\nlisen = 127.0.0.1:9\n");
  Settings s("serve", {}, ini);
  try {
    s.checkKnown({"listen", "data"});
    ADD_FAILURE() << "a misspelt key was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("lisen"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(Settings("serve", {}, file("nonsense = 1\n")).checkKnown({"listen"}));
}

TEST_F(SettingsTest, AMissingFileIsAnError) {
  EXPECT_THROW(Settings("serve", {}, (dir_ / "nope.ini").string()), UsageError);
}

TEST_F(SettingsTest, ArgumentsFillWhatTheCommandLineLacks) {
  std::string ini = file("[serve]\nlisten = 127.0.0.1:9\ndata = /from-file\ndemo = yes\n");
  ::setenv("BOOKDAV_DATA_UNUSED", "x", 1);
  ::setenv("BOOKDAV_LISTEN", "127.0.0.1:8", 1);
  Arguments a({"--config", ini, "--data", "/from-argv"}, {"demo"});
  a.allowOnly({"listen", "data", "demo"});
  EXPECT_EQ(a.option("data"), "/from-argv");
  EXPECT_EQ(a.option("listen"), "127.0.0.1:8");
  EXPECT_TRUE(a.flag("demo"));
  ::unsetenv("BOOKDAV_DATA_UNUSED");
}

TEST_F(SettingsTest, ConfigFileFromTheEnvironmentAndFlagsReadAsBooleans) {
  ::setenv("BOOKDAV_CONFIG", file("demo = off\nlisten = 127.0.0.1:5\n").c_str(), 1);
  Arguments a({}, {"demo"});
  a.allowOnly({"listen", "demo"});
  EXPECT_FALSE(a.flag("demo"));
  EXPECT_EQ(a.option("listen"), "127.0.0.1:5");

  ::setenv("BOOKDAV_DEMO", "maybe", 1);
  Arguments b({}, {"demo"});
  EXPECT_THROW(b.allowOnly({"demo"}), UsageError);

  ::setenv("BOOKDAV_DEMO", "true", 1);
  Arguments c({"--demo=false"}, {"demo"});  // the command line wins, also for a flag
  c.allowOnly({"demo"});
  EXPECT_FALSE(c.flag("demo"));
}

}  // namespace
}  // namespace bookdav::server
