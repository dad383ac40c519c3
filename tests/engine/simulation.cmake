# The 90-day simulation over 10,000 customers (checks after every simulated day).
find_package(date REQUIRED CONFIG)
add_executable(kulanz_engine_simulation_tests ${CMAKE_CURRENT_LIST_DIR}/simulation_test.cpp)
target_link_libraries(kulanz_engine_simulation_tests PRIVATE kulanz_services kulanz_store date::date-tz GTest::gtest_main)
gtest_discover_tests(kulanz_engine_simulation_tests TEST_PREFIX "engine." DISCOVERY_MODE PRE_TEST
  PROPERTIES TIMEOUT 2400 LABELS slow)
