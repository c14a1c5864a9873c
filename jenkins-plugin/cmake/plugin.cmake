# The Jenkins plugin (jenkins-plugin/) as far as it can be built here. Maven cannot reach the
# Jenkins repository on this machine, so:
# - bellwether_plugin_chat: io.bellwether.api.chat, the plugin's Jenkins-free logic (Slack
#   signatures, slash commands, payloads, user mapping, the build summary), compiled with javac
#   (JDK 17) against Debian's gson; its JUnit 5 suite (tests/java/chat) is the ctest
#   jenkins_plugin_chat. The slash-command tests use the real engine through the Java API jar
#   (jni/) and Slack's double, tests/doubles/slack_double.py.
# - with -DBELLWETHER_JENKINS_JARS=DIR (every *.jar below DIR: Jenkins core 2.516.2, its
#   libraries, and the plugins the manifest depends on): the glue io.bellwether.jenkins compiled
#   with annotation processing on, so SezPoz writes the extension index, and bellwether.hpi
#   packaged (target bellwether_hpi); the ctest jenkins_plugin_hpi checks what is inside.
# The targets are defined at the end of the including directory (cmake_language(DEFER)), so the
# Java API's targets exist whichever CMakeLists includes this file.

# --- script mode: the checks run at build and test time -------------------------------------
if(CMAKE_SCRIPT_MODE_FILE)
  if(BELLWETHER_PLUGIN_CHECK STREQUAL "index")
    if(NOT EXISTS "${INDEX}")
      message(FATAL_ERROR "javac wrote no extension index (${INDEX}): the SezPoz annotation processor "
                          "(sezpoz-*.jar, a jenkins-core library) must be below BELLWETHER_JENKINS_JARS")
    endif()
  elseif(BELLWETHER_PLUGIN_CHECK STREQUAL "hpi")
    file(REMOVE_RECURSE "${WORK}")
    file(ARCHIVE_EXTRACT INPUT "${HPI}" DESTINATION "${WORK}/hpi")
    foreach(entry
        META-INF/MANIFEST.MF
        WEB-INF/classes/index.jelly
        WEB-INF/classes/META-INF/annotations/hudson.Extension
        WEB-INF/classes/io/bellwether/jenkins/BellwetherDecideStep.class
        WEB-INF/classes/io/bellwether/jenkins/BellwetherAnalyzeStep.class
        WEB-INF/classes/io/bellwether/jenkins/BellwetherNotifyStep.class
        WEB-INF/classes/io/bellwether/jenkins/SlackCommandEndpoint.class
        WEB-INF/classes/io/bellwether/jenkins/BellwetherGlobalConfiguration/config.jelly
        WEB-INF/classes/io/bellwether/jenkins/BellwetherAction/summary.jelly
        WEB-INF/classes/io/bellwether/jenkins/BellwetherAction/index.jelly
        WEB-INF/lib/bellwether-api.jar
        WEB-INF/lib/bellwether-chat.jar
        WEB-INF/lib/gson.jar)
      if(NOT EXISTS "${WORK}/hpi/${entry}")
        message(FATAL_ERROR "bellwether.hpi has no ${entry}")
      endif()
    endforeach()
    # Manifest lines are wrapped at 72 bytes: a continuation line starts with one space.
    file(READ "${WORK}/hpi/META-INF/MANIFEST.MF" manifest)
    string(REGEX REPLACE "\r?\n " "" manifest "${manifest}")
    foreach(line "Short-Name: bellwether" "Jenkins-Version: 2.516.2" "Support-Dynamic-Loading: true"
                 "Plugin-Dependencies: workflow-step-api:[^,]+,workflow-api:[^,]+,structs:[^,]+,credentials:[^,]+,plain-credentials:[^,]+,mailer:")
      if(NOT manifest MATCHES "(^|\n)${line}")
        message(FATAL_ERROR "bellwether.hpi's manifest has no line ${line}:\n${manifest}")
      endif()
    endforeach()
    # The index is SezPoz's serialized list; the class names in it are plain UTF-8.
    file(READ "${WORK}/hpi/WEB-INF/classes/META-INF/annotations/hudson.Extension" index HEX)
    foreach(extension BellwetherGlobalConfiguration BellwetherDecideStep$DescriptorImpl
                      BellwetherAnalyzeStep$DescriptorImpl BellwetherNotifyStep$DescriptorImpl
                      SlackCommandEndpoint SlackCommandCrumbExclusion
                      ChatBuildListener)
      string(HEX "io.bellwether.jenkins.${extension}" wanted)
      string(FIND "${index}" "${wanted}" at)
      if(at EQUAL -1)
        message(FATAL_ERROR "the extension index does not list io.bellwether.jenkins.${extension}")
      endif()
    endforeach()
    file(ARCHIVE_EXTRACT INPUT "${WORK}/hpi/WEB-INF/lib/bellwether-api.jar" DESTINATION "${WORK}/api")
    file(GLOB native "${WORK}/api/native/*/libbellwether_jni.so")
    if(NOT native)
      message(FATAL_ERROR "WEB-INF/lib/bellwether-api.jar carries no native/<os>-<arch>/libbellwether_jni.so")
    endif()
    message(STATUS "bellwether.hpi: layout, manifest, extension index and native library present")
  else()
    message(FATAL_ERROR "plugin.cmake: unknown BELLWETHER_PLUGIN_CHECK=${BELLWETHER_PLUGIN_CHECK}")
  endif()
  return()
endif()

include_guard(GLOBAL)

set(BELLWETHER_JENKINS_JARS "" CACHE PATH
    "A directory tree of Jenkins core and plugin jars; when set, the plugin's glue is compiled and bellwether.hpi packaged")
# The plugin's Jenkins baseline and the oldest plugin releases of its BOM line it needs.
set(BELLWETHER_PLUGIN_JENKINS_VERSION 2.516.2)
set(BELLWETHER_PLUGIN_DEPENDENCIES
    "workflow-step-api:706.v518c5dcb_24c0,workflow-api:1384.vdc05a_48f535f,structs:353.v261ea_40a_80fb_,credentials:1447.v4cb_b_539b_5321,plain-credentials:199.v9f8e1f741799,mailer:522.va_995fa_cfb_8b_d")

find_package(Java 17 COMPONENTS Development Runtime QUIET)
if(Java_JAVAC_EXECUTABLE)
  include(UseJava)
endif()

function(bellwether_jenkins_plugin)
  if(NOT Java_JAVAC_EXECUTABLE)
    message(STATUS "Jenkins plugin: no JDK 17, so its Java is not built or tested")
    return()
  endif()
  get_filename_component(plugin_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}" DIRECTORY)
  get_filename_component(root "${plugin_dir}" DIRECTORY)
  set(out "${CMAKE_BINARY_DIR}/jenkins-plugin")
  find_jar(BELLWETHER_GSON_JAR NAMES gson PATHS /usr/share/java REQUIRED)
  find_jar(BELLWETHER_JUNIT_CONSOLE NAMES junit-platform-console-standalone PATHS /usr/share/java REQUIRED)
  set(CMAKE_JAVA_COMPILE_FLAGS --release 17 -encoding UTF-8 -Xlint:all -Werror)

  # The Jenkins-free logic: no Jenkins import may appear here (this compile would fail).
  file(GLOB chat_sources CONFIGURE_DEPENDS "${plugin_dir}/src/main/java/io/bellwether/api/chat/*.java")
  add_jar(bellwether_plugin_chat SOURCES ${chat_sources} INCLUDE_JARS "${BELLWETHER_GSON_JAR}"
          OUTPUT_NAME bellwether-chat OUTPUT_DIR "${out}")
  get_target_property(chat_jar bellwether_plugin_chat JAR_FILE)

  # Its tests; the slash-command flow needs the real engine, i.e. the Java API jar from jni/.
  file(GLOB test_sources CONFIGURE_DEPENDS "${root}/tests/java/chat/*.java")
  if(NOT test_sources)
    message(FATAL_ERROR "Jenkins plugin: no tests in ${root}/tests/java/chat")
  endif()
  set(test_jars "${BELLWETHER_GSON_JAR}" "${BELLWETHER_JUNIT_CONSOLE}")
  set(runtime_path "${chat_jar}:${BELLWETHER_GSON_JAR}")
  if(TARGET bellwether_api_classes AND TARGET bellwether_api)
    list(APPEND test_jars bellwether_api_classes)
    string(APPEND runtime_path ":${BELLWETHER_API_JAR}")
  else()
    list(FILTER test_sources EXCLUDE REGEX "/SlashCommandServiceTest\\.java$")
    message(STATUS "Jenkins plugin: no Java API jar (BELLWETHER_BUILD_JNI=OFF), so the slash-command flow is not tested")
  endif()
  set(CMAKE_JAVA_COMPILE_FLAGS --release 17 -encoding UTF-8 -Xlint:all -Xlint:-try -Werror)
  add_jar(bellwether_plugin_chat_tests SOURCES ${test_sources} INCLUDE_JARS bellwether_plugin_chat ${test_jars}
          OUTPUT_NAME bellwether-chat-tests OUTPUT_DIR "${out}")
  if(TARGET bellwether_api)
    add_dependencies(bellwether_plugin_chat_tests bellwether_api)
  endif()
  get_target_property(tests_jar bellwether_plugin_chat_tests JAR_FILE)
  add_test(NAME jenkins_plugin_chat
           COMMAND "${Java_JAVA_EXECUTABLE}" -Xcheck:jni
                   "-Dbellwether.slack.double=${root}/tests/doubles/slack_double.py"
                   "-Dbellwether.examples=${root}/examples"
                   -jar "${BELLWETHER_JUNIT_CONSOLE}"
                   --class-path "${tests_jar}:${runtime_path}"
                   "--scan-class-path=${tests_jar}" --fail-if-no-tests --disable-banner --details=tree)
  set_tests_properties(jenkins_plugin_chat PROPERTIES TIMEOUT 300)

  if(BELLWETHER_JENKINS_JARS)
    bellwether_jenkins_hpi("${plugin_dir}" "${out}" "${chat_jar}")
  endif()
endfunction()

# The glue against the real Jenkins jars, and the installable plugin archive.
function(bellwether_jenkins_hpi plugin_dir out chat_jar)
  if(NOT TARGET bellwether_api)
    message(FATAL_ERROR "bellwether.hpi carries the Java API jar: configure with BELLWETHER_BUILD_JNI=ON")
  endif()
  file(GLOB_RECURSE jenkins_jars LIST_DIRECTORIES false "${BELLWETHER_JENKINS_JARS}/*.jar")
  if(NOT jenkins_jars)
    message(FATAL_ERROR "BELLWETHER_JENKINS_JARS=${BELLWETHER_JENKINS_JARS} holds no *.jar")
  endif()
  list(LENGTH jenkins_jars jar_count)
  message(STATUS "Jenkins plugin: compiling the glue against ${jar_count} jars below ${BELLWETHER_JENKINS_JARS}")
  file(GLOB_RECURSE glue_sources CONFIGURE_DEPENDS "${plugin_dir}/src/main/java/io/bellwether/jenkins/*.java")
  file(GLOB_RECURSE resources CONFIGURE_DEPENDS "${plugin_dir}/src/main/resources/*")

  # Hundreds of jars: the class path goes to javac in an argument file. The annotation
  # processors (SezPoz for @Extension, Stapler's for data-bound constructors) are found on it.
  set(classpath ${jenkins_jars} "${chat_jar}" "${BELLWETHER_API_JAR}" "${BELLWETHER_GSON_JAR}")
  string(JOIN ":" classpath ${classpath})
  file(WRITE "${out}/glue-classpath.args" "-classpath\n\"${classpath}\"\n")

  set(stage "${out}/hpi")
  set(classes "${stage}/WEB-INF/classes")
  set(manifest "${out}/MANIFEST.MF")
  file(WRITE "${manifest}"
       "Manifest-Version: 1.0\n"
       "Short-Name: bellwether\n"
       "Long-Name: Bellwether\n"
       "Group-Id: io.jenkins.plugins\n"
       "Plugin-Version: ${PROJECT_VERSION}\n"
       "Jenkins-Version: ${BELLWETHER_PLUGIN_JENKINS_VERSION}\n"
       "Minimum-Java-Version: 17\n"
       "Support-Dynamic-Loading: true\n"
       "Plugin-Dependencies: ${BELLWETHER_PLUGIN_DEPENDENCIES}\n")
  set(hpi "${out}/bellwether.hpi")
  add_custom_command(
    OUTPUT "${hpi}"
    COMMAND "${CMAKE_COMMAND}" -E rm -rf "${stage}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${classes}" "${stage}/WEB-INF/lib"
    COMMAND "${Java_JAVAC_EXECUTABLE}" --release 17 -encoding UTF-8 -parameters -Xlint:all -Xlint:-processing
            "@${out}/glue-classpath.args" -d "${classes}" ${glue_sources}
    COMMAND "${CMAKE_COMMAND}" -DBELLWETHER_PLUGIN_CHECK=index
            "-DINDEX=${classes}/META-INF/annotations/hudson.Extension" -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    COMMAND "${CMAKE_COMMAND}" -E copy_directory "${plugin_dir}/src/main/resources" "${classes}"
    COMMAND "${CMAKE_COMMAND}" -E copy "${chat_jar}" "${stage}/WEB-INF/lib/bellwether-chat.jar"
    COMMAND "${CMAKE_COMMAND}" -E copy "${BELLWETHER_API_JAR}" "${stage}/WEB-INF/lib/bellwether-api.jar"
    COMMAND "${CMAKE_COMMAND}" -E copy "${BELLWETHER_GSON_JAR}" "${stage}/WEB-INF/lib/gson.jar"
    COMMAND "${Java_JAR_EXECUTABLE}" cfm "${hpi}" "${manifest}" -C "${stage}" .
    DEPENDS ${glue_sources} ${resources} "${chat_jar}" "${BELLWETHER_API_JAR}" bellwether_plugin_chat bellwether_api
    COMMENT "Compiling the Jenkins glue and packaging bellwether.hpi"
    VERBATIM)
  add_custom_target(bellwether_hpi ALL DEPENDS "${hpi}")
  add_test(NAME jenkins_plugin_hpi
           COMMAND "${CMAKE_COMMAND}" -DBELLWETHER_PLUGIN_CHECK=hpi "-DHPI=${hpi}" "-DWORK=${out}/hpi-check"
                   -P "${CMAKE_CURRENT_FUNCTION_LIST_FILE}")
  set_tests_properties(jenkins_plugin_hpi PROPERTIES TIMEOUT 120)
endfunction()

cmake_language(DEFER CALL bellwether_jenkins_plugin)
