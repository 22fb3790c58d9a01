#include "server/notify/WebhookSignature.h"

#include <gtest/gtest.h>

namespace bookdav::server::notify {
namespace {

// The example of the Standard Webhooks specification.
TEST(WebhookSignature, MatchesTheStandardWebhooksExample) {
  EXPECT_EQ(webhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                             1614265330, R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSignature, NewSecretsAreDistinctAndUsable) {
  const std::string a = newWebhookSecret(), b = newWebhookSecret();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("whsec_", 0), 0u);
  EXPECT_EQ(a.size(), 6u + 44u);  // 32 bytes in base64
  EXPECT_TRUE(webhookSignature(a, "msg_1", 1, "{}").has_value());
  EXPECT_NE(webhookSignature(a, "msg_1", 1, "{}"), webhookSignature(b, "msg_1", 1, "{}"));
}

TEST(WebhookSignature, RefusesSecretsThatAreNotWhsecBase64) {
  EXPECT_EQ(webhookSignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1, "{}"), std::nullopt);
  EXPECT_EQ(webhookSignature("whsec_", "msg_1", 1, "{}"), std::nullopt);
  EXPECT_EQ(webhookSignature("whsec_not base64!", "msg_1", 1, "{}"), std::nullopt);
}

}  // namespace
}  // namespace bookdav::server::notify
