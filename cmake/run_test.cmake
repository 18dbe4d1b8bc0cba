# cmake -DDIR=<tmp> -DEXE=<test binary> [-DARGS=<a;b>] -P run_test.cmake:
# runs one test as `bazel test` would (with its `args`), in a fresh, empty
# TEST_TMPDIR (DIR).
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
execute_process(COMMAND "${EXE}" ${ARGS} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} failed: ${rc}")
endif()
