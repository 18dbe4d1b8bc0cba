# Functions of the CMake build. The source lists come from
# cmake/sources.cmake (generated from the Bazel BUILD files): a list named
# `<package>/<target>.srcs` / `.hdrs` per Bazel target.

# clouddesktop_use(KEY...): marks Bazel targets as built by CMake (see
# clouddesktop_check_all_used).
function(clouddesktop_use)
  set_property(GLOBAL APPEND PROPERTY CLOUDDESKTOP_USED_TARGETS ${ARGN})
endfunction()

# clouddesktop_sources(SRCS_VAR HDRS_VAR KEY...): the sources and headers
# of the Bazel targets KEY... (e.g. cc/clouddesktop/client), absolute paths.
function(clouddesktop_sources srcs_var hdrs_var)
  set(srcs)
  set(hdrs)
  foreach(key IN LISTS ARGN)
    if(NOT key IN_LIST CLOUDDESKTOP_BAZEL_TARGETS)
      message(FATAL_ERROR "${key} is not a Bazel target of cmake/sources.cmake "
        "(run `python3 tools/cmake_sources.py --write` after changing BUILD files)")
    endif()
    foreach(f IN LISTS ${key}.srcs)
      list(APPEND srcs "${PROJECT_SOURCE_DIR}/${f}")
    endforeach()
    foreach(f IN LISTS ${key}.hdrs)
      list(APPEND hdrs "${PROJECT_SOURCE_DIR}/${f}")
    endforeach()
  endforeach()
  clouddesktop_use(${ARGN})
  set(${srcs_var} "${srcs}" PARENT_SCOPE)
  set(${hdrs_var} "${hdrs}" PARENT_SCOPE)
endfunction()

# clouddesktop_check_all_used(): fails the configure step when a Bazel
# target of cmake/sources.cmake has no CMake counterpart (someone added a
# target to a BUILD file and regenerated the lists, but built nothing here).
function(clouddesktop_check_all_used)
  get_property(used GLOBAL PROPERTY CLOUDDESKTOP_USED_TARGETS)
  set(missing)
  foreach(key IN LISTS CLOUDDESKTOP_BAZEL_TARGETS)
    if(NOT key IN_LIST used)
      list(APPEND missing "${key}")
    endif()
  endforeach()
  if(missing)
    list(JOIN missing "\n  " text)
    message(FATAL_ERROR "Bazel targets without a CMake target:\n  ${text}\n"
      "Add each to CMakeLists.txt, tests/CMakeLists.txt, examples/CMakeLists.txt "
      "or bench/CMakeLists.txt (clouddesktop_sources / clouddesktop_test).")
  endif()
endfunction()

# clouddesktop_library_defaults(TARGET EXPORT_NAME): an installed library:
# clouddesktop::EXPORT_NAME, headers from cc/ in the build tree and
# include/ once installed, C++17.
function(clouddesktop_library_defaults target export_name)
  add_library(clouddesktop::${export_name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES
    EXPORT_NAME ${export_name}
    OUTPUT_NAME clouddesktop_${export_name}
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR})
  target_compile_features(${target} PUBLIC cxx_std_17)
  target_include_directories(${target} PUBLIC
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/cc>"
    "$<BUILD_INTERFACE:${CLOUDDESKTOP_GEN_DIR}>"
    "$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
endfunction()

# clouddesktop_install_headers(FILE...): installs headers at the path Bazel
# users include them by (the path under cc/, or under the generated tree).
function(clouddesktop_install_headers)
  foreach(f IN LISTS ARGN)
    if(f MATCHES "^${CLOUDDESKTOP_GEN_DIR}/(.*)$")
      set(rel "${CMAKE_MATCH_1}")
    elseif(f MATCHES "^${PROJECT_SOURCE_DIR}/cc/(.*)$")
      set(rel "${CMAKE_MATCH_1}")
    else()
      message(FATAL_ERROR "no include path for ${f}")
    endif()
    get_filename_component(dir "${rel}" DIRECTORY)
    install(FILES "${f}" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/${dir}")
  endforeach()
endfunction()

# clouddesktop_protoc(OUT_VAR IMPORT_ROOT DIR PROTOS FILE... [GRPC FILE...]):
# runs protoc (and gRPC's grpc_cpp_plugin for the GRPC files, with the gmock
# stubs) on FILEs, given relative to DIR, into CLOUDDESKTOP_GEN_DIR; sets
# OUT_VAR to the generated .cc and .h files. Imports resolve against DIR,
# the googleapis files and protobuf's well-known types.
function(clouddesktop_protoc out_var)
  cmake_parse_arguments(P "" "IMPORT_ROOT" "PROTOS;GRPC" ${ARGN})
  set(out)
  foreach(p IN LISTS P_PROTOS)
    string(REGEX REPLACE "\\.proto$" "" stem "${p}")
    set(gen "${CLOUDDESKTOP_GEN_DIR}/${stem}.pb.cc" "${CLOUDDESKTOP_GEN_DIR}/${stem}.pb.h")
    set(args "--cpp_out=${CLOUDDESKTOP_GEN_DIR}")
    if(p IN_LIST P_GRPC)
      list(APPEND gen "${CLOUDDESKTOP_GEN_DIR}/${stem}.grpc.pb.cc"
                      "${CLOUDDESKTOP_GEN_DIR}/${stem}.grpc.pb.h"
                      "${CLOUDDESKTOP_GEN_DIR}/${stem}_mock.grpc.pb.h")
      list(APPEND args "--grpc_out=generate_mock_code=true:${CLOUDDESKTOP_GEN_DIR}"
                       "--plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>")
    endif()
    add_custom_command(
      OUTPUT ${gen}
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${CLOUDDESKTOP_GEN_DIR}"
      COMMAND protobuf::protoc ${args}
              -I "${P_IMPORT_ROOT}"
              -I "${PROJECT_SOURCE_DIR}/proto"
              -I "${PROJECT_SOURCE_DIR}/bazel/third_party/googleapis"
              -I "${Protobuf_INCLUDE_DIRS}"
              "${p}"
      WORKING_DIRECTORY "${P_IMPORT_ROOT}"
      DEPENDS "${P_IMPORT_ROOT}/${p}" protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "protoc ${p}"
      VERBATIM)
    list(APPEND out ${gen})
  endforeach()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

# clouddesktop_test(KEY [TIMEOUT S] [LIBS ...] [ARGS ...]):
# the cc_test KEY (e.g. tests/client/future_test) as an executable and a
# ctest test named like the Bazel label. Tests run in the build directory,
# where the binaries and data sit at the paths Bazel's runfiles give them,
# with TEST_TMPDIR set to a fresh directory of their own.
function(clouddesktop_test key)
  cmake_parse_arguments(T "" "TIMEOUT" "LIBS;ARGS" ${ARGN})
  clouddesktop_sources(srcs hdrs ${key})
  string(REPLACE "/" "_" target "${key}")
  add_executable(${target} ${srcs})
  # GTest::gmock: Bazel's @com_google_googletest//:gtest is GoogleTest and
  # GoogleMock in one, and the tests use matchers.
  target_link_libraries(${target} PRIVATE ${T_LIBS} GTest::gmock clouddesktop_suppressions)
  target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}")
  get_filename_component(pkg "${key}" DIRECTORY)
  get_filename_component(name "${key}" NAME)
  set(label "//${pkg}:${name}")
  set(tmp "${PROJECT_BINARY_DIR}/Testing/tmp/${target}")
  # A small wrapper makes the fresh TEST_TMPDIR, then runs the binary.
  add_test(NAME "${label}"
    COMMAND "${CMAKE_COMMAND}" "-DDIR=${tmp}" "-DEXE=$<TARGET_FILE:${target}>"
            "-DARGS=${T_ARGS}"
            -P "${PROJECT_SOURCE_DIR}/cmake/run_test.cmake"
    WORKING_DIRECTORY "${PROJECT_BINARY_DIR}")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties("${label}" PROPERTIES
    TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "TEST_TMPDIR=${tmp};WIRE_TABLES_DIR=${PROJECT_SOURCE_DIR}/tests/testdata/wire")
endfunction()
