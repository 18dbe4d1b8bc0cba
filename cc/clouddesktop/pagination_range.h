// A lazy range over every item of a List* RPC, across pages.
//
//   for (const absl::StatusOr<Desktop>& d : client.ListDesktops(request)) {
//     if (!d.ok()) return d.status();   // the range ends after an error
//     Use(*d);
//   }

#ifndef CLOUDDESKTOP_PAGINATION_RANGE_H_
#define CLOUDDESKTOP_PAGINATION_RANGE_H_

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "clouddesktop/future.h"
#include "clouddesktop/version.h"

namespace clouddesktop {
CLOUDDESKTOP_INLINE_NAMESPACE_BEGIN

// An input range (single pass) yielding absl::StatusOr<T>: every item of
// every page, in order; on an error, one non-OK element and then the end.
// Pages are fetched one at a time, when iteration reaches them (the first
// on begin()); each fetch is a blocking call (retried per the connection's
// policy). For page-by-page async access use the client's *Async List
// method with page_token.
//
// Thread safety: not thread-safe; one thread iterates. Cost: one page of
// items in memory at a time.
template <typename T>
class PaginationRange {
 public:
  // A page: its items and the token of the next page (empty: last page).
  struct Page {
    std::vector<T> items;         // in the order the server sent them
    std::string next_page_token;  // empty on the last page
  };
  // Fetches the page that starts at `token` (empty: the first page).
  using Loader = std::function<absl::StatusOr<Page>(const std::string& token)>;

  // `first_token`: where to start (empty: the first page).
  explicit PaginationRange(Loader loader, std::string first_token = "")
      : loader_(std::move(loader)), token_(std::move(first_token)) {}

  // A single-pass input iterator over the items; an item is a StatusOr (a
  // page that failed to load is one error item, and the last).
  class iterator {
   public:
    // The standard iterator types.
    using iterator_category = std::input_iterator_tag;
    using value_type = absl::StatusOr<T>;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    // The end iterator.
    iterator() = default;
    // The current item, valid until the iterator moves.
    reference operator*() const { return range_->current_; }
    pointer operator->() const { return &range_->current_; }
    // Moves to the next item, loading the next page when needed (blocks).
    iterator& operator++() {
      if (!range_->Advance()) range_ = nullptr;
      return *this;
    }
    void operator++(int) { ++*this; }
    // Equal when both are at the end, or are the same position.
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.range_ == b.range_;
    }
    friend bool operator!=(const iterator& a, const iterator& b) {
      return !(a == b);
    }

   private:
    friend class PaginationRange;
    explicit iterator(PaginationRange* range) : range_(range) {}
    PaginationRange* range_ = nullptr;
  };

  iterator begin() {
    if (started_) return iterator();  // single pass
    started_ = true;
    return Advance() ? iterator(this) : iterator();
  }
  // The end of the items.
  iterator end() { return iterator(); }

 private:
  // Moves to the next element; false at the end.
  bool Advance() {
    if (finished_) return false;
    while (index_ >= page_.size()) {
      if (fetched_any_ && token_.empty()) {
        finished_ = true;
        return false;
      }
      absl::StatusOr<Page> page = loader_(token_);
      if (!page.ok()) {
        current_ = page.status();
        page_.clear();
        index_ = 0;
        token_.clear();
        fetched_any_ = true;
        finished_ = true;
        return true;  // yield the error once
      }
      if (fetched_any_ && !page->next_page_token.empty() &&
          page->next_page_token == token_) {
        current_ = absl::InternalError(absl::StrCat(
            "the server returned page token \"", token_, "\" again"));
        finished_ = true;
        return true;
      }
      fetched_any_ = true;
      page_ = std::move(page->items);
      index_ = 0;
      token_ = std::move(page->next_page_token);
    }
    current_ = std::move(page_[index_++]);
    return true;
  }

  Loader loader_;
  bool started_ = false;
  bool fetched_any_ = false;
  bool finished_ = false;
  std::vector<T> page_;
  size_t index_ = 0;
  std::string token_;
  absl::StatusOr<T> current_;
};

namespace internal {

// A PaginationRange over a List RPC: `call(request)` returns the future of
// one page, `items(response)` the page's repeated field.
template <typename T, typename Request, typename Response, typename Call,
          typename Items>
PaginationRange<T> MakePaginationRange(Request request, Call call,
                                       Items items) {
  using Page = typename PaginationRange<T>::Page;
  std::string first_token = request.page_token();
  return PaginationRange<T>(
      [request = std::move(request), call = std::move(call),
       items = std::move(items)](
          const std::string& token) mutable -> absl::StatusOr<Page> {
        request.set_page_token(token);
        absl::StatusOr<Response> response = call(request).Get();
        if (!response.ok()) return response.status();
        Page page;
        auto* field = items(*response);
        page.items.reserve(field->size());
        for (auto& item : *field) page.items.push_back(std::move(item));
        page.next_page_token = std::move(*response->mutable_next_page_token());
        return page;
      },
      std::move(first_token));
}

}  // namespace internal
CLOUDDESKTOP_INLINE_NAMESPACE_END
}  // namespace clouddesktop

#endif  // CLOUDDESKTOP_PAGINATION_RANGE_H_
