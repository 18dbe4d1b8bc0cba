// Fails the build unless each library in it is the monorepo's own (every
// stand-in under standins/ defines its marker; clouddesktop-cpp's define none).
#ifndef MONOREPO_MARKERS_H_
#define MONOREPO_MARKERS_H_

#ifndef MONOREPO_PROTOBUF
#error "@com_google_protobuf is not the monorepo's"
#endif
#ifndef MONOREPO_GRPC
#error "@com_github_grpc_grpc is not the monorepo's"
#endif
#ifndef MONOREPO_ABSL
#error "@com_google_absl is not the monorepo's"
#endif

#endif  // MONOREPO_MARKERS_H_
