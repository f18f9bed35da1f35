# sam build (BuildMethod: makefile), shared by every function's Makefile, which sets MODULE: the Maven reactor
# builds that module and what it needs, then the shaded jar goes to lib/ of SAM's artifacts directory (Lambda's
# Java runtime puts lib/*.jar on the class path). It runs in the source tree (samconfig.toml: build_in_source),
# where the reactor and infra/mvnw are; anything failing stops the build with make's error.
# The jar is a file target: Maven runs only when a source it is built from is newer than it (a function jar holds
# only functions/*: its module and the modules it needs, their main sources and POMs, and the parent POM), so a
# sam build right after `infra/mvnw package` copies the jars it made instead of building them again, one reactor
# per function (CI: about two minutes).
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
JAR := $(ROOT)/functions/$(MODULE)/target/$(MODULE).jar
SOURCES := $(ROOT)/pom.xml $(wildcard $(ROOT)/functions/*/pom.xml) $(shell find $(ROOT)/functions/*/src/main -type f)

build-%: $(JAR)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(JAR)" "$(ARTIFACTS_DIR)/lib/"

$(JAR): $(SOURCES)
	@test -x "$(ROOT)/infra/mvnw" || { echo "error: no $(ROOT)/infra/mvnw: run sam build from the project root with --build-in-source (samconfig.toml sets it)" >&2; exit 1; }
	cd "$(ROOT)" && infra/mvnw -B -q -ntp -pl functions/$(MODULE) -am -DskipTests package
