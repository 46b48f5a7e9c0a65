# `shancheng xr` with the app's face (engine/app/xr_face.cpp) against Monado: the executable run
# as a visitor would, its read-back panel and report checked. Included from CMakeLists.txt.
if(TARGET shancheng)
  add_executable(sc_xr_face_tests monado_env.cpp xr_face_test.cpp)
  target_link_libraries(sc_xr_face_tests PRIVATE sc_xr sc_test_support GTest::gtest_main)
  target_compile_definitions(sc_xr_face_tests PRIVATE
    SC_SHANCHENG_EXE="$<TARGET_FILE:shancheng>"
    SC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SC_XR_FACE_FRAMES=160)
  add_dependencies(sc_xr_face_tests shancheng)
  gtest_discover_tests(sc_xr_face_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS xr TIMEOUT 180)
endif()

# The laser pointer pressing the panel's buttons through Monado's remote controllers: its own
# executable (Monado reads its driver configuration once per process).
if(TARGET sc_app)
  add_executable(sc_xr_face_pointer_tests monado_env.cpp xr_face_pointer_test.cpp ${PROJECT_SOURCE_DIR}/engine/app/xr_face.cpp)
  target_link_libraries(sc_xr_face_pointer_tests PRIVATE sc_app sc_xr GTest::gtest_main)
  target_compile_definitions(sc_xr_face_pointer_tests PRIVATE SC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(sc_xr_face_pointer_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS xr TIMEOUT 120)
endif()

# The laser picking a POI in the world (tests/xr/xr_face_poi_pick_test.cpp): its own executable too.
if(TARGET sc_app)
  add_executable(sc_xr_face_poi_pick_tests monado_env.cpp xr_face_poi_pick_test.cpp ${PROJECT_SOURCE_DIR}/engine/app/xr_face.cpp)
  target_link_libraries(sc_xr_face_poi_pick_tests PRIVATE sc_app sc_xr sc_test_support GTest::gtest_main)
  target_compile_definitions(sc_xr_face_poi_pick_tests PRIVATE SC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(sc_xr_face_poi_pick_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS xr TIMEOUT 120)
endif()
