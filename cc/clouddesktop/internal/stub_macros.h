// The shape every per-service Stub shares, generated from one table per
// service (`X(Method, Request, Response)` rows, in desktop_stub.h etc.):
//
//   * the Stub interface: one `AsyncMethod(RpcContext&, const Request&,
//     StubCallback<Response>)` per RPC. The transport seam: the gRPC stubs
//     (grpc_stubs.cc) implement it, a REST transport would too;
//   * `Decorated<Service>Stub<Concern>`: a Stub that runs `Concern` around
//     every RPC of another Stub. A concern (auth_decorator.h,
//     metadata_decorator.h, logging_decorator.h; tracing later) is written
//     once for all services: it has
//       template <typename Response, typename Next>
//       void Around(RpcContext&, StubCallback<Response> done, Next next);
//     and calls `next(context, done)` (with `done` wrapped if it needs the
//     result) exactly once, or `done` instead.
//
// Contract of every Stub method: `request` and `context` stay alive until
// `done` has been called; `done` is called exactly once, on any thread
// (possibly inline); the context's outputs are set before it.

#ifndef CLOUDDESKTOP_INTERNAL_STUB_MACROS_H_
#define CLOUDDESKTOP_INTERNAL_STUB_MACROS_H_

#include <memory>
#include <utility>

#include "clouddesktop/internal/rpc_context.h"

#define CLOUDDESKTOP_INTERNAL_STUB_VIRTUAL(Method, Request, Response)     \
  virtual void Async##Method(RpcContext& context, const Request& request, \
                             StubCallback<Response> done) = 0;

#define CLOUDDESKTOP_INTERNAL_STUB_DECORATED(Method, Request, Response) \
  void Async##Method(RpcContext& context, const Request& request,       \
                     StubCallback<Response> done) override {            \
    auto* child = child_.get();                                         \
    concern_.template Around<Response>(                                 \
        context, std::move(done),                                       \
        [child, &request](RpcContext& c, StubCallback<Response> d) {    \
          child->Async##Method(c, request, std::move(d));               \
        });                                                             \
  }

// Declares `class Service` (the interface) and
// `template <typename Concern> class Decorated##Service`.
#define CLOUDDESKTOP_INTERNAL_DEFINE_STUB(Service, TABLE)               \
  class Service {                                                       \
   public:                                                              \
    virtual ~Service() = default;                                       \
    TABLE(CLOUDDESKTOP_INTERNAL_STUB_VIRTUAL)                           \
  };                                                                    \
  template <typename Concern>                                           \
  class Decorated##Service final : public Service {                     \
   public:                                                              \
    Decorated##Service(std::shared_ptr<Service> child, Concern concern) \
        : child_(std::move(child)), concern_(std::move(concern)) {}     \
    TABLE(CLOUDDESKTOP_INTERNAL_STUB_DECORATED)                         \
                                                                        \
   private:                                                             \
    const std::shared_ptr<Service> child_;                              \
    Concern concern_;                                                   \
  };

#endif  // CLOUDDESKTOP_INTERNAL_STUB_MACROS_H_
