# Collection files, segments and variants (pure), and `kulanz strategy` end to end.
add_executable(kulanz_engine_collection_tests
  ${CMAKE_CURRENT_LIST_DIR}/collection_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/segments_test.cpp)
target_link_libraries(kulanz_engine_collection_tests PRIVATE kulanz_engine GTest::gtest_main)
gtest_discover_tests(kulanz_engine_collection_tests TEST_PREFIX "engine." DISCOVERY_MODE PRE_TEST)
add_test(NAME engine.strategy_cli COMMAND ${CMAKE_CURRENT_LIST_DIR}/strategy_cli_test.sh $<TARGET_FILE:kulanz>
  ${PROJECT_SOURCE_DIR}/data/collection/default.toml)
set_tests_properties(engine.strategy_cli PROPERTIES LABELS cli TIMEOUT 300)
add_test(NAME engine.escalation_cli COMMAND ${CMAKE_CURRENT_LIST_DIR}/escalation_cli_test.sh $<TARGET_FILE:kulanz>)
set_tests_properties(engine.escalation_cli PROPERTIES LABELS cli TIMEOUT 300)
