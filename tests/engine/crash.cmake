# Kill the run at random points (20 times), re-run, compare with an uninterrupted run.
add_test(NAME engine.crash COMMAND ${CMAKE_CURRENT_LIST_DIR}/crash_test.sh $<TARGET_FILE:kulanz> 20)
set_tests_properties(engine.crash PROPERTIES LABELS "cli;slow" TIMEOUT 1200)
