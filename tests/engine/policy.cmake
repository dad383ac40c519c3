# The contact policy: channels, Sundays and holidays, frequency caps, send windows.
add_executable(kulanz_engine_policy_tests ${CMAKE_CURRENT_LIST_DIR}/policy_test.cpp)
target_link_libraries(kulanz_engine_policy_tests PRIVATE kulanz_engine GTest::gtest_main)
gtest_discover_tests(kulanz_engine_policy_tests TEST_PREFIX "engine." DISCOVERY_MODE PRE_TEST)
