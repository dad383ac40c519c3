# Scenario files: data in, decisions out, through the real run on SQLite.
add_executable(kulanz_engine_scenario_tests ${CMAKE_CURRENT_LIST_DIR}/scenario_test.cpp)
target_link_libraries(kulanz_engine_scenario_tests PRIVATE kulanz_services kulanz_store tomlplusplus::tomlplusplus
  GTest::gtest_main)
target_compile_definitions(kulanz_engine_scenario_tests PRIVATE
  KULANZ_SCENARIO_DIR="${CMAKE_CURRENT_LIST_DIR}/scenarios")
gtest_discover_tests(kulanz_engine_scenario_tests TEST_PREFIX "engine.scenario." DISCOVERY_MODE PRE_TEST)
