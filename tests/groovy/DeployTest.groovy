/** bellwether.deploy / promote / rollback: the exact commands per target and strategy. */
class DeployTest extends PipelineTestCase {
    static final Map HELM = [target: 'k8s', tool: 'helm', namespace: 'shop', release: 'checkout', chart: 'charts/checkout', tag: '1.4.2']
    static final Map KUBECTL = [target: 'k8s', tool: 'kubectl', namespace: 'shop', deployment: 'checkout',
                                image: 'registry.example.com/shop/checkout', tag: '1.4.2', replicas: 10]
    static final Map ARGO = [target: 'k8s', tool: 'argo', namespace: 'shop', rollout: 'checkout',
                             image: 'registry.example.com/shop/checkout', tag: '1.4.2']
    static final List<String> HELM_UPGRADE_TAIL = ['--namespace', 'shop', '--wait', '--timeout', '10m', '--set-string', 'image.tag=1.4.2']

    void testHelmCanaryMovesThroughTheWeightsThenPromotes() {
        PipelineHarness h = harness()
        Map canary = HELM + [strategy: 'canary', steps: [10, 25, 50, 100]]
        h.bellwether.deploy(canary)
        assert h.env.BELLWETHER_WEIGHT == '10'
        h.bellwether.deploy(canary + [weight: 25])
        h.bellwether.promote(canary)

        assert h.deployScripts()[0] == "'helm' 'upgrade' '--install' 'checkout-canary' 'charts/checkout' '--namespace' 'shop' '--wait' " +
            "'--timeout' '10m' '--set-string' 'image.tag=1.4.2' '--set' 'canary.enabled=true' '--set' 'canary.weight=10'"
        assert h.deployCommands() == [
            ['helm', 'upgrade', '--install', 'checkout-canary', 'charts/checkout'] + HELM_UPGRADE_TAIL + ['--set', 'canary.enabled=true', '--set', 'canary.weight=10'],
            ['helm', 'upgrade', '--install', 'checkout-canary', 'charts/checkout'] + HELM_UPGRADE_TAIL + ['--set', 'canary.enabled=true', '--set', 'canary.weight=25'],
            ['helm', 'upgrade', '--install', 'checkout', 'charts/checkout'] + HELM_UPGRADE_TAIL,
            ['helm', 'uninstall', 'checkout-canary', '--namespace', 'shop']]
        assert h.callsOf('sh')*.args*.label == ['Helm: checkout-canary at 10%', 'Helm: checkout-canary at 25%', 'Helm: promote checkout', 'Helm: remove checkout-canary']
        assert h.env.BELLWETHER_WEIGHT == '100'
    }

    void testHelmCanaryRollbackRemovesTheCanaryRelease() {
        PipelineHarness h = harness()
        h.bellwether.deploy(HELM + [strategy: 'canary', weight: 10])
        h.bellwether.rollback(HELM + [strategy: 'canary'])
        assert h.deployCommands()[-1] == ['helm', 'uninstall', 'checkout-canary', '--namespace', 'shop']
        assert h.env.BELLWETHER_WEIGHT == '0'
    }

    void testHelmRollingUpgradesInPlaceAndRollsBackARevision() {
        PipelineHarness h = harness()
        Map rolling = HELM + [strategy: 'rolling', chartVersion: '2.3.1', valuesFiles: ['deploy/values-prod.yaml'], timeout: '15m']
        h.bellwether.deploy(rolling)
        h.bellwether.promote(rolling)
        h.bellwether.rollback(rolling)
        assert h.deployCommands() == [
            ['helm', 'upgrade', '--install', 'checkout', 'charts/checkout', '--namespace', 'shop', '--wait', '--timeout', '15m',
             '--version', '2.3.1', '--values', 'deploy/values-prod.yaml', '--set-string', 'image.tag=1.4.2'],
            ['helm', 'rollback', 'checkout', '--namespace', 'shop', '--wait', '--timeout', '15m']]
        assert h.log.contains('bellwether.promote: rolling on k8s is complete once deployed; nothing more to run')
    }

    void testHelmBlueGreenInstallsTheIdleColourAndSwitchesTheService() {
        PipelineHarness h = harness()
        Map bluegreen = HELM + [strategy: 'bluegreen', activeColor: 'blue', service: 'checkout']
        h.bellwether.deploy(bluegreen)
        h.bellwether.promote(bluegreen)
        h.bellwether.rollback(bluegreen)
        assert h.deployCommands() == [
            ['helm', 'upgrade', '--install', 'checkout-green', 'charts/checkout'] + HELM_UPGRADE_TAIL + ['--set', 'color=green'],
            ['kubectl', 'patch', 'service', 'checkout', '--namespace', 'shop', '--type', 'merge', '--patch', '{"spec":{"selector":{"color":"green"}}}'],
            ['helm', 'uninstall', 'checkout-blue', '--namespace', 'shop'],
            ['kubectl', 'patch', 'service', 'checkout', '--namespace', 'shop', '--type', 'merge', '--patch', '{"spec":{"selector":{"color":"blue"}}}'],
            ['helm', 'uninstall', 'checkout-green', '--namespace', 'shop']]
    }

    void testHelmUserValuesAreEscapedForHelmAndQuotedForTheShell() {
        PipelineHarness h = harness()
        h.bellwether.deploy(HELM + [strategy: 'rolling', image: 'registry.example.com:5000/shop/checkout',
                                    set: ['podAnnotations.note': "a,b\\c '; rm -rf / # \$(id) `id`", 'replicaCount': '3']])
        assert h.deployCommands() == [
            ['helm', 'upgrade', '--install', 'checkout', 'charts/checkout', '--namespace', 'shop', '--wait', '--timeout', '10m',
             '--set-string', "podAnnotations.note=a\\,b\\\\c '; rm -rf / # \$(id) `id`",
             '--set-string', 'replicaCount=3',
             '--set-string', 'image.repository=registry.example.com:5000/shop/checkout',
             '--set-string', 'image.tag=1.4.2']]
    }

    void testKubectlCanaryScalesTheCanaryDeploymentByWeight() {
        PipelineHarness h = harness()
        Map canary = KUBECTL + [strategy: 'canary']
        h.bellwether.deploy(canary + [weight: 10])
        h.bellwether.deploy(canary + [weight: 25])
        h.bellwether.promote(canary)
        List<String> ns = ['--namespace', 'shop']
        assert h.deployCommands() == [
            ['kubectl', 'set', 'image', 'deployment/checkout-canary', 'checkout=registry.example.com/shop/checkout:1.4.2'] + ns,
            ['kubectl', 'scale', 'deployment/checkout-canary', '--replicas=1'] + ns,
            ['kubectl', 'rollout', 'status', 'deployment/checkout-canary'] + ns + ['--timeout=10m'],
            ['kubectl', 'scale', 'deployment/checkout', '--replicas=9'] + ns,
            ['kubectl', 'scale', 'deployment/checkout-canary', '--replicas=3'] + ns,
            ['kubectl', 'rollout', 'status', 'deployment/checkout-canary'] + ns + ['--timeout=10m'],
            ['kubectl', 'scale', 'deployment/checkout', '--replicas=7'] + ns,
            ['kubectl', 'set', 'image', 'deployment/checkout', 'checkout=registry.example.com/shop/checkout:1.4.2'] + ns,
            ['kubectl', 'scale', 'deployment/checkout', '--replicas=10'] + ns,
            ['kubectl', 'rollout', 'status', 'deployment/checkout'] + ns + ['--timeout=10m'],
            ['kubectl', 'scale', 'deployment/checkout-canary', '--replicas=0'] + ns]
    }

    void testKubectlRollingAndBlueGreen() {
        PipelineHarness h = harness()
        h.bellwether.deploy(KUBECTL + [strategy: 'rolling', container: 'app'])
        h.bellwether.rollback(KUBECTL + [strategy: 'rolling'])
        h.bellwether.deploy(KUBECTL + [strategy: 'bluegreen', activeColor: 'green', service: 'checkout', colorLabel: 'app.example.com/slot'])
        h.bellwether.rollback(KUBECTL + [strategy: 'bluegreen', activeColor: 'green', service: 'checkout', colorLabel: 'app.example.com/slot'])
        List<String> ns = ['--namespace', 'shop']
        assert h.deployCommands() == [
            ['kubectl', 'set', 'image', 'deployment/checkout', 'app=registry.example.com/shop/checkout:1.4.2'] + ns,
            ['kubectl', 'rollout', 'status', 'deployment/checkout'] + ns + ['--timeout=10m'],
            ['kubectl', 'rollout', 'undo', 'deployment/checkout'] + ns,
            ['kubectl', 'rollout', 'status', 'deployment/checkout'] + ns + ['--timeout=10m'],
            ['kubectl', 'set', 'image', 'deployment/checkout-blue', 'checkout=registry.example.com/shop/checkout:1.4.2'] + ns,
            ['kubectl', 'rollout', 'status', 'deployment/checkout-blue'] + ns + ['--timeout=10m'],
            ['kubectl', 'patch', 'service', 'checkout'] + ns + ['--type', 'merge', '--patch', '{"spec":{"selector":{"app.example.com/slot":"blue"}}}'],
            ['kubectl', 'patch', 'service', 'checkout'] + ns + ['--type', 'merge', '--patch', '{"spec":{"selector":{"app.example.com/slot":"green"}}}']]
    }

    void testArgoCanaryPatchesThePaceThenPromotesStepByStep() {
        PipelineHarness h = harness()
        Map canary = ARGO + [strategy: 'canary', steps: [10, 25, 50, 100]]
        h.bellwether.deploy(canary + [weight: 10])
        h.bellwether.deploy(canary + [weight: 25])
        h.bellwether.promote(canary)
        h.bellwether.rollback(canary)
        List<String> ns = ['--namespace', 'shop']
        assert h.deployCommands() == [
            ['kubectl', 'patch', 'rollout', 'checkout'] + ns + ['--type', 'merge', '--patch',
             '{"spec":{"strategy":{"canary":{"steps":[{"setWeight":10},{"pause":{}},{"setWeight":25},{"pause":{}},{"setWeight":50},{"pause":{}}]}}}}'],
            ['kubectl', 'argo', 'rollouts', 'set', 'image', 'checkout', 'checkout=registry.example.com/shop/checkout:1.4.2'] + ns,
            ['kubectl', 'argo', 'rollouts', 'promote', 'checkout'] + ns,
            ['kubectl', 'argo', 'rollouts', 'promote', 'checkout', '--full'] + ns,
            ['kubectl', 'argo', 'rollouts', 'abort', 'checkout'] + ns]
    }

    void testArgoBlueGreenAndRolling() {
        PipelineHarness h = harness()
        h.bellwether.deploy(ARGO + [strategy: 'bluegreen'])
        h.bellwether.rollback(ARGO + [strategy: 'bluegreen'])
        h.bellwether.deploy(ARGO + [strategy: 'rolling'])
        List<String> ns = ['--namespace', 'shop']
        assert h.deployCommands() == [
            ['kubectl', 'argo', 'rollouts', 'set', 'image', 'checkout', 'checkout=registry.example.com/shop/checkout:1.4.2'] + ns,
            ['kubectl', 'argo', 'rollouts', 'promote', 'checkout'] + ns,
            ['kubectl', 'argo', 'rollouts', 'undo', 'checkout'] + ns,
            ['kubectl', 'patch', 'rollout', 'checkout'] + ns + ['--type', 'merge', '--patch', '{"spec":{"strategy":{"canary":{"steps":[]}}}}'],
            ['kubectl', 'argo', 'rollouts', 'set', 'image', 'checkout', 'checkout=registry.example.com/shop/checkout:1.4.2'] + ns]
    }

    void testIisBlueGreenPublishesToTheIdleSiteAndMovesTheBinding() {
        PipelineHarness h = harness()
        Map iis = [target: 'iis', strategy: 'bluegreen', site: 'Checkout', activeColor: 'blue', binding: '*:443:checkout.example.com',
                   package: "build\\checkout O'Neil.zip"]
        h.bellwether.deploy(iis)
        h.bellwether.promote(iis)
        h.bellwether.rollback(iis)

        List<Map> runs = h.callsOf('powershell')*.args
        assert runs*.label == ['IIS: Checkout-green gets the package, then the https binding', 'IIS: stop Checkout-blue',
                               'IIS: https binding back to Checkout-blue']
        assert runs[0].script == """\$ErrorActionPreference = 'Stop'
& './.bellwether/scripts/iis/Publish-IisPackage.ps1' -Site 'Checkout-green' -Package 'build\\checkout O''Neil.zip'
& './.bellwether/scripts/iis/Switch-SiteBinding.ps1' -From 'Checkout-blue' -To 'Checkout-green' -Protocol 'https' -BindingInformation '*:443:checkout.example.com'
"""
        assert runs[1].script == "\$ErrorActionPreference = 'Stop'\nImport-Module WebAdministration\nStop-Website -Name 'Checkout-blue'\n"
        assert runs[2].script.contains("-From 'Checkout-green' -To 'Checkout-blue' -Protocol 'https'")
        for (String resource : ['Publish-IisPackage.ps1', 'Switch-SiteBinding.ps1']) {
            assert h.file('.bellwether/scripts/iis/' + resource).text == new File(repository, 'shared-library/resources/io/bellwether/iis/' + resource).text
        }
        assert h.callsOf('sh').isEmpty()
    }

    void testIisCanarySetsArrWeights() {
        PipelineHarness h = harness()
        Map iis = [target: 'iis', strategy: 'canary', site: 'Checkout', farm: 'checkout-farm', stableServer: 'web-stable.internal',
                   canaryServer: 'web-canary.internal', package: 'checkout.zip']
        h.bellwether.deploy(iis + [weight: 10])
        h.bellwether.deploy(iis + [weight: 25])
        h.bellwether.rollback(iis)
        List<String> scripts = h.callsOf('powershell')*.args*.script
        String weights = "& './.bellwether/scripts/iis/Set-ArrWeights.ps1' -Farm 'checkout-farm' -Servers @('web-stable.internal','web-canary.internal')"
        assert scripts[0] == """\$ErrorActionPreference = 'Stop'
& './.bellwether/scripts/iis/Publish-IisPackage.ps1' -Site 'Checkout' -Package 'checkout.zip' -ComputerName 'web-canary.internal'
${weights} -Weights @(90,10)
"""
        assert scripts[1] == "\$ErrorActionPreference = 'Stop'\n${weights} -Weights @(75,25)\n"
        assert scripts[2] == "\$ErrorActionPreference = 'Stop'\n${weights} -Weights @(100,0)\n"
    }

    void testIisRollingUpdatesTheFarmInBatchesThatFollowThePace() {
        PipelineHarness h = harness()
        Map iis = [target: 'iis', strategy: 'rolling', site: 'Checkout', farm: 'checkout-farm', package: 'checkout-1.4.2.zip',
                   previousPackage: 'checkout-1.4.1.zip', servers: ['web1', 'web2', 'web3', 'web4'], steps: [25, 50, 75, 100]]
        h.bellwether.deploy(iis)
        h.bellwether.deploy(iis + [weight: 50])
        h.bellwether.rollback(iis)
        List<String> scripts = h.callsOf('powershell')*.args*.script
        String batch = "& './.bellwether/scripts/iis/Invoke-IisRollingBatch.ps1' -Farm 'checkout-farm'"
        assert scripts == [
            "\$ErrorActionPreference = 'Stop'\n${batch} -Servers @('web1') -Site 'Checkout' -Package 'checkout-1.4.2.zip' -DrainSeconds 30\n",
            "\$ErrorActionPreference = 'Stop'\n${batch} -Servers @('web2') -Site 'Checkout' -Package 'checkout-1.4.2.zip' -DrainSeconds 30\n",
            "\$ErrorActionPreference = 'Stop'\n${batch} -Servers @('web1','web2') -Site 'Checkout' -Package 'checkout-1.4.1.zip' -DrainSeconds 30\n"]*.toString()
        assert h.file('.bellwether/scripts/iis/Publish-IisPackage.ps1').exists()
    }

    void testEdgeRunsTheOtaTemplateWithEachValueAsOneWord() {
        PipelineHarness h = harness()
        Map edge = [target: 'edge', strategy: 'canary', fleet: 'kiosk-eu', version: '4.2.0+arm64', cohort: 'early-adopters',
                    ota: [deploy: ['ota-cli', 'rollout', '--fleet={fleet}', '--cohort', '{cohort}', '--version', '{version}', '--percent', '{weight}',
                                   '--note', 'was {previousWeight}% $(not a command)'],
                          promote: ['ota-cli', 'rollout', '--fleet={fleet}', '--version', '{version}', '--percent', '{weight}'],
                          rollback: ['ota-cli', 'revert', '--fleet={fleet}', '--from', '{version}']]]
        h.bellwether.deploy(edge + [weight: 5])
        h.bellwether.deploy(edge + [weight: 20])
        h.bellwether.promote(edge)
        h.bellwether.rollback(edge)
        assert h.deployCommands() == [
            ['ota-cli', 'rollout', '--fleet=kiosk-eu', '--cohort', 'early-adopters', '--version', '4.2.0+arm64', '--percent', '5', '--note', 'was 0% $(not a command)'],
            ['ota-cli', 'rollout', '--fleet=kiosk-eu', '--cohort', 'early-adopters', '--version', '4.2.0+arm64', '--percent', '20', '--note', 'was 5% $(not a command)'],
            ['ota-cli', 'rollout', '--fleet=kiosk-eu', '--version', '4.2.0+arm64', '--percent', '100'],
            ['ota-cli', 'revert', '--fleet=kiosk-eu', '--from', '4.2.0+arm64']]
    }

    void testEdgeTemplateMistakesAreExplained() {
        PipelineHarness h = harness()
        Map edge = [target: 'edge', strategy: 'canary', fleet: 'kiosk-eu', version: '4.2.0', weight: 5]
        assert failure { h.bellwether.deploy(edge + [ota: [deploy: ['ota-cli', '{region}']]]) } ==
            'bellwether.deploy: ota.deploy: unknown placeholder {region}; known: {fleet} {version} {weight} {previousWeight} {cohort} {strategy} {action}'
        assert failure { h.bellwether.deploy(edge + [ota: [deploy: ['ota-cli', '{cohort}']]]) } ==
            'bellwether.deploy: ota.deploy: {cohort} is used but no cohort was given'
        assert failure { h.bellwether.promote(edge + [ota: [deploy: ['ota-cli']]]) }.startsWith('bellwether.promote: ota.promote: required for the edge target')
        assert h.callsOf('sh').isEmpty()
    }

    void testTheDecisionInTheEnvironmentIsTheDefault() {
        PipelineHarness h = harness()
        h.env.DEPLOY_STRATEGY = 'canary'
        h.env.PACE = '5,20,100'
        h.bellwether.deploy(HELM)
        assert h.deployCommands()[0][-1] == 'canary.weight=5'
        assert h.env.BELLWETHER_WEIGHT == '5'
    }

    void testWithoutAStrategyNothingRuns() {
        PipelineHarness h = harness()
        assert failure { h.bellwether.deploy(HELM) } ==
            'bellwether.deploy: strategy: required (canary, rolling or bluegreen); bellwether.decide sets env.DEPLOY_STRATEGY'
        assert h.callsOf('sh').isEmpty()
    }

    void testHostileNamesAreRefusedWithWhatWasExpected() {
        PipelineHarness h = harness()
        Map canary = HELM + [strategy: 'canary', weight: 10]
        Map expectations = [
            (canary + [release: "checkout; rm -rf / #"]): 'bellwether.deploy: release: "checkout; rm -rf / #" is not valid: expected a Helm release name',
            (canary + [namespace: 'shop$(id)']): 'bellwether.deploy: namespace: "shop$(id)" is not valid: expected a Kubernetes namespace',
            (canary + [tag: '1.4.2`id`']): 'bellwether.deploy: tag: "1.4.2`id`" is not valid: expected an image tag',
            (canary + [tag: '1.4.2\nrm -rf /']): 'bellwether.deploy: tag: "1.4.2\\nrm -rf /" is not valid: expected an image tag',
            (canary + [chart: '--post-renderer=/tmp/x']): 'bellwether.deploy: chart: "--post-renderer=/tmp/x" is not valid',
            (canary + [weight: 12.5]): 'bellwether.deploy: weight: "12.5" is not valid: expected a whole percentage from 0 to 100',
            (canary + [weight: 101]): 'bellwether.deploy: weight: "101" is not valid',
            (canary + [strategy: 'yolo']): 'bellwether.deploy: strategy: "yolo" is not valid: expected canary, rolling or bluegreen',
            (canary + [target: 'mainframe']): 'bellwether.deploy: target: "mainframe" is not valid: expected k8s, iis or edge',
            (canary + [set: ['a,b=c': 'x']]): 'bellwether.deploy: set key: "a,b=c" is not valid',
            (canary + [valuesFiles: ['-f/etc/passwd']]): 'bellwether.deploy: valuesFiles: "-f/etc/passwd" is not valid',
            (KUBECTL + [strategy: 'rolling', image: 'Registry/UPPER']): 'bellwether.deploy: image: "Registry/UPPER" is not valid',
            ([target: 'iis', strategy: 'bluegreen', site: "Checkout'; Remove-Item C:\\ -Recurse #", activeColor: 'blue']):
                'bellwether.deploy: site: "Checkout\'; Remove-Item C:\\ -Recurse #" is not valid: expected an IIS site name',
            ([target: 'iis', strategy: 'bluegreen', site: 'Checkout', activeColor: 'purple']):
                'bellwether.deploy: activeColor: "purple" is not valid: expected blue or green',
            ([target: 'iis', strategy: 'canary', site: 'Checkout', farm: 'f', stableServer: 'a b', canaryServer: 'c', package: 'p.zip', weight: 10]):
                'bellwether.deploy: stableServer: "a b" is not valid: expected a host name',
            ([target: 'edge', strategy: 'canary', fleet: 'kiosk;reboot', version: '1', ota: [deploy: ['ota']], weight: 5]):
                'bellwether.deploy: fleet: "kiosk;reboot" is not valid']
        expectations.each { Map args, String expected ->
            String message = failure { h.bellwether.deploy(args) }
            assert message.startsWith(expected)
        }
        assert h.callsOf('sh').isEmpty() && h.callsOf('powershell').isEmpty()
    }
}
