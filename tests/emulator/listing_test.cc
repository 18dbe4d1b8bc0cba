// Filter, order and page-token rules shared by every List method.
#include "clouddesktop/emulator/internal/listing.h"

#include <string>
#include <vector>

#include "clouddesktop/emulator/internal/filter.h"
#include "clouddesktop/emulator/internal/ordering.h"
#include "clouddesktop/emulator/internal/page_token.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "yandex/cloud/clouddesktop/v1/desktop.pb.h"

namespace {

namespace api = ::yandex::cloud::clouddesktop::v1::api;
using ::clouddesktop::emulator::internal::Filter;
using ::clouddesktop::emulator::internal::ListQuery;
using ::clouddesktop::emulator::internal::Ordering;
using ::clouddesktop::emulator::internal::PageTokenCodec;
using ::clouddesktop::emulator::internal::Paginate;
using ::testing::HasSubstr;

const std::vector<std::string> kFields = {"id", "name", "status"};

api::Desktop MakeDesktop(const std::string& id, const std::string& name,
                         api::Desktop::Status status, int64_t created) {
  api::Desktop d;
  d.set_id(id);
  d.set_name(name);
  d.set_status(status);
  d.mutable_created_at()->set_seconds(created);
  return d;
}

TEST(FilterTest, SupportsEqualityAndMembership) {
  api::Desktop a = MakeDesktop("d1", "alpha", api::Desktop::ACTIVE, 1);
  auto matches = [&](const std::string& text) {
    absl::StatusOr<Filter> f = Filter::Parse(text, kFields);
    EXPECT_TRUE(f.ok()) << text << ": " << f.status();
    return f.ok() && f->Matches(a);
  };
  EXPECT_TRUE(matches(""));
  EXPECT_TRUE(matches("name = \"alpha\""));
  EXPECT_TRUE(matches("name=\"alpha\""));
  EXPECT_FALSE(matches("name != 'alpha'"));
  EXPECT_TRUE(matches("name IN (\"x\", \"alpha\")"));
  EXPECT_TRUE(matches("  name   in('x','alpha')  "));
  EXPECT_FALSE(matches("name NOT IN (\"x\", \"alpha\")"));
  EXPECT_TRUE(matches("name not in (\"x\")"));
  EXPECT_TRUE(matches("status = ACTIVE"));
  EXPECT_TRUE(matches("status = \"active\""));
}

TEST(FilterTest, SyntaxErrorsGiveThePosition) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"name = ", "position 8: expected a value, found end of filter"},
      {"name == \"x\"", "position 7: expected a value, found '='"},
      {"name ~ \"x\"", "position 6: unexpected character '~'"},
      {"name \"x\"", "position 6: expected =, !=, IN or NOT IN"},
      {"name IN \"x\"", "position 9: expected '('"},
      {"name IN (\"x\" \"y\")", "position 14: expected ',' or ')'"},
      {"name NOT (\"x\")", "position 10: expected IN after NOT"},
      {"name = \"x", "position 8: unterminated string"},
      {"colour = \"red\"",
       "position 1: filtering on 'colour' is not supported (filterable: id, "
       "name, status)"},
      // The reference documents one condition: field, operator, value(s).
      {"name = \"x\" OR id = \"y\"", "position 12: OR is not supported"},
      {"name = \"x\" and id = \"y\"", "position 12: AND is not supported"},
      {"name = \"x\" \"y\"", "position 12: expected end of filter"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Filter> f = Filter::Parse(c.text, kFields);
    ASSERT_FALSE(f.ok()) << c.text;
    EXPECT_EQ(f.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(f.status().message(), HasSubstr(c.message)) << c.text;
  }
}

TEST(OrderingTest, SortsByKeysThenId) {
  api::Desktop a = MakeDesktop("d1", "b", api::Desktop::STOPPED, 5);
  api::Desktop b = MakeDesktop("d2", "a", api::Desktop::ACTIVE, 5);
  auto ordering = [](const std::string& text) {
    absl::StatusOr<Ordering> o =
        Ordering::Parse(text, {"name", "created_at", "status"});
    EXPECT_TRUE(o.ok()) << o.status();
    return *o;
  };
  EXPECT_TRUE(ordering("name").Less(b, a));
  EXPECT_TRUE(ordering("name desc").Less(a, b));
  EXPECT_TRUE(ordering("status").Less(b, a));          // ACTIVE(2) < STOPPED(8)
  EXPECT_TRUE(ordering("created_at ASC").Less(a, b));  // tie: by id
  EXPECT_TRUE(ordering("created_at, name").Less(b, a));
}

TEST(OrderingTest, RejectsUnknownKeysAndDirections) {
  std::vector<std::string> fields = {"name", "created_at", "status"};
  EXPECT_THAT(Ordering::Parse("colour", fields).status().message(),
              HasSubstr("cannot sort by 'colour'"));
  EXPECT_THAT(Ordering::Parse("name up", fields).status().message(),
              HasSubstr("expected asc or desc after 'name', found 'up'"));
  EXPECT_THAT(Ordering::Parse("name,", fields).status().message(),
              HasSubstr("empty sort key"));
}

TEST(PageTokenTest, RoundTripsAndRejectsForgeries) {
  PageTokenCodec codec("secret");
  PageTokenCodec::Cursor cursor{42, "dskabc"};
  std::string token = codec.Encode("query", cursor);
  EXPECT_LE(token.size(), 100u);  // page_token is limited to 100 characters
  absl::StatusOr<PageTokenCodec::Cursor> back = codec.Decode("query", token);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->offset, 42u);
  EXPECT_EQ(back->last_id, "dskabc");

  EXPECT_FALSE(codec.Decode("other query", token).ok());
  EXPECT_FALSE(PageTokenCodec("other secret").Decode("query", token).ok());
  EXPECT_FALSE(codec.Decode("query", "not a token!").ok());
  std::string edited = token;
  edited[3] = edited[3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.Decode("query", edited).ok());
}

TEST(PaginateTest, PagesThroughEverythingOnce) {
  PageTokenCodec codec("secret");
  std::vector<api::Desktop> desktops;
  for (int i = 0; i < 25; ++i) {
    desktops.push_back(MakeDesktop("d" + std::to_string(100 + i),
                                   "n" + std::to_string(i),
                                   api::Desktop::ACTIVE, 1000 - i));
  }
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    std::vector<const google::protobuf::Message*> items;
    for (const api::Desktop& d : desktops) items.push_back(&d);
    ListQuery query{
        "Req",       "scope", 10,      token,
        "",          "",      kFields, {"name", "created_at", "status"},
        "created_at"};
    ASSERT_TRUE(Paginate(query, codec, &items, &token).ok());
    for (const auto* item : items) {
      seen.push_back(static_cast<const api::Desktop*>(item)->id());
    }
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(seen.front(), "d124");  // oldest first
  EXPECT_EQ(seen.back(), "d100");
}

TEST(PaginateTest, DefaultsAndCapsThePageSize) {
  PageTokenCodec codec("secret");
  std::vector<api::Desktop> desktops(1200);
  for (size_t i = 0; i < desktops.size(); ++i) {
    desktops[i].set_id("d" + std::to_string(i));
  }
  for (auto [size, expected] :
       {std::pair<int64_t, size_t>{0, 100}, {5000, 1000}, {7, 7}}) {
    std::vector<const google::protobuf::Message*> items;
    for (const api::Desktop& d : desktops) items.push_back(&d);
    ListQuery query{"Req", "scope", size};
    std::string next;
    ASSERT_TRUE(Paginate(query, codec, &items, &next).ok());
    EXPECT_EQ(items.size(), expected) << size;
    EXPECT_FALSE(next.empty());
  }
}

}  // namespace
