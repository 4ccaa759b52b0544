# Project-wide compile flags: warnings everywhere, sanitizers on request.
add_library(hrsnn_flags INTERFACE)
target_compile_options(hrsnn_flags INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter
  # No fused multiply-add contraction: the same source gives the same bits with or without
  # -march=native, so seeds reproduce across machines (and match Brian2's numpy arithmetic).
  -ffp-contract=off)
if(HRSNN_NATIVE)
  # As Brian2's default for generated code; vectorises the neuron update with AVX2/AVX-512.
  # 512-bit vectors where the CPU has them (GCC prefers 256 by default); -fno-trapping-math lets
  # the vectoriser compute both sides of a select unmasked (values and rounding are unchanged).
  target_compile_options(hrsnn_flags INTERFACE -march=native -mprefer-vector-width=512 -fno-trapping-math -Wno-maybe-uninitialized)
endif()
if(HRSNN_SANITIZE)
  target_compile_options(hrsnn_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(hrsnn_flags INTERFACE -fsanitize=address,undefined)
endif()
# Helper: hrsnn_module(NAME SOURCES... DEPS ...) makes the static library hrsnn_<NAME>.
function(hrsnn_module name)
  cmake_parse_arguments(M "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*/*.cpp)
  if(srcs)
    add_library(hrsnn_${name} STATIC ${srcs})
    target_include_directories(hrsnn_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(hrsnn_${name} PUBLIC hrsnn_flags ${M_DEPS})
  else()
    add_library(hrsnn_${name} INTERFACE)
    target_include_directories(hrsnn_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(hrsnn_${name} INTERFACE hrsnn_flags ${M_DEPS})
  endif()
endfunction()
