// serve's notification options (server/cli/NotifyOptions.h): the SMTP server's CA file (--smtp-ca, also
// BOOKDAV_SMTP_CA) and where links in e-mails point (--base-url, also BOOKDAV_BASE_URL).
#include "server/cli/NotifyOptions.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace bookdav::server {
namespace {

class NotifyOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = (std::filesystem::temp_directory_path() / ("bookdav-ca-" + std::to_string(::getpid()) + ".pem"))
              .string();
    std::ofstream(ca_) << "-----BEGIN CERTIFICATE-----\n";
    Arguments::setCommand("serve");
  }
  void TearDown() override {
    std::filesystem::remove(ca_);
    ::unsetenv("BOOKDAV_SMTP_CA");
    ::unsetenv("BOOKDAV_BASE_URL");
    Arguments::setCommand("");
  }

  NotifyOptions read(std::vector<std::string> args) {
    Arguments a(args, notifyFlagNames());
    std::set<std::string> known = notifyOptionNames();
    known.insert(notifyFlagNames().begin(), notifyFlagNames().end());
    a.allowOnly(known);
    return readNotifyOptions(a);
  }

  std::string refusal(std::vector<std::string> args) {
    try {
      read(std::move(args));
    } catch (const UsageError& e) {
      return e.what();
    }
    return "";
  }

  std::string ca_;
  const std::vector<std::string> smtp_ = {"--smtp", "mail.example:587", "--mail-from", "b@example.com"};
};

TEST_F(NotifyOptionsTest, TheCaFileGoesWithStartTlsAndMustBeReadable) {
  std::vector<std::string> args = smtp_;
  args.insert(args.end(), {"--smtp-starttls", "--smtp-ca", ca_});
  EXPECT_EQ(read(args).smtp->caFile, ca_);
  std::vector<std::string> plain = smtp_;
  plain.insert(plain.end(), {"--smtp-ca", ca_});
  EXPECT_NE(refusal(plain).find("--smtp-starttls"), std::string::npos);
  EXPECT_NE(refusal({"--smtp-ca", ca_}).find("goes with --smtp"), std::string::npos);
  std::vector<std::string> missing = smtp_;
  missing.insert(missing.end(), {"--smtp-starttls", "--smtp-ca", ca_ + ".missing"});
  EXPECT_NE(refusal(missing).find("cannot be read"), std::string::npos);
  // Without it, the system's store.
  std::vector<std::string> system = smtp_;
  system.push_back("--smtp-starttls");
  EXPECT_EQ(read(system).smtp->caFile, "");
}

TEST_F(NotifyOptionsTest, TheCaFileAndBaseUrlComeFromTheEnvironmentToo) {
  ::setenv("BOOKDAV_SMTP_CA", ca_.c_str(), 1);
  ::setenv("BOOKDAV_BASE_URL", "https://book.example.com/", 1);
  std::vector<std::string> args = smtp_;
  args.push_back("--smtp-starttls");
  NotifyOptions o = read(args);
  EXPECT_EQ(o.smtp->caFile, ca_);
  EXPECT_EQ(o.baseUrl, "https://book.example.com");  // without the trailing slash
}

TEST_F(NotifyOptionsTest, TheBaseUrlIsAnHttpAddress) {
  EXPECT_EQ(read({"--base-url", "http://10.0.0.5:8080"}).baseUrl, "http://10.0.0.5:8080");
  EXPECT_EQ(read({}).baseUrl, std::nullopt);
  EXPECT_NE(refusal({"--base-url", "book.example.com"}).find("--base-url"), std::string::npos);
  EXPECT_NE(refusal({"--base-url", "https://a b"}).find("--base-url"), std::string::npos);
}

}  // namespace
}  // namespace bookdav::server
