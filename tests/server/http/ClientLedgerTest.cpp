// The per-address ledger: connection caps, job shares and the budget of bodies read before
// authentication, per address and in all.
#include "server/http/ClientLedger.h"

#include <gtest/gtest.h>

namespace bookdav::server::http {
namespace {

ClientLedger::Limits limits() {
  ClientLedger::Limits l;
  l.connectionsPerAddress = 2;
  l.jobsPerAddress = 1;
  l.unauthenticatedBytes = 100;
  l.unauthenticatedBytesPerAddress = 60;
  return l;
}

TEST(ClientLedgerTest, CapsConnectionsPerAddressOnly) {
  ClientLedger ledger(limits());
  EXPECT_TRUE(ledger.addConnection("a"));
  EXPECT_TRUE(ledger.addConnection("a"));
  EXPECT_FALSE(ledger.addConnection("a"));
  EXPECT_TRUE(ledger.addConnection("b"));
  EXPECT_EQ(ledger.connections("a"), 2);
  ledger.removeConnection("a");
  EXPECT_TRUE(ledger.addConnection("a"));
}

TEST(ClientLedgerTest, JobShares) {
  ClientLedger ledger(limits());
  EXPECT_TRUE(ledger.mayAddJob("a"));
  ledger.addJob("a");
  EXPECT_FALSE(ledger.mayAddJob("a"));
  EXPECT_TRUE(ledger.mayAddJob("b"));
  ledger.removeJob("a");
  EXPECT_TRUE(ledger.mayAddJob("a"));
}

TEST(ClientLedgerTest, BodyBudgetPerAddressAndInAll) {
  ClientLedger ledger(limits());
  EXPECT_TRUE(ledger.reserveBody("a", 60));
  EXPECT_FALSE(ledger.reserveBody("a", 1));  // a's share is used up
  EXPECT_TRUE(ledger.reserveBody("b", 40));
  EXPECT_FALSE(ledger.reserveBody("c", 1));  // all of it is used up
  EXPECT_EQ(ledger.unauthenticatedBytes(), 100);
  ledger.releaseBody("a", 60);
  EXPECT_TRUE(ledger.reserveBody("c", 50));
}

TEST(ClientLedgerTest, ForgetsAddressesThatHoldNothing) {
  ClientLedger ledger(limits());
  ASSERT_TRUE(ledger.addConnection("a"));
  ledger.addJob("a");
  ASSERT_TRUE(ledger.reserveBody("a", 5));
  ledger.removeConnection("a");
  ledger.removeJob("a");
  EXPECT_EQ(ledger.addresses(), 1u);
  ledger.releaseBody("a", 5);
  EXPECT_EQ(ledger.addresses(), 0u);
  EXPECT_FALSE(ledger.reserveBody("b", 1000));
  EXPECT_EQ(ledger.addresses(), 0u);  // a refused reservation leaves nothing behind
}

}  // namespace
}  // namespace bookdav::server::http
