package io.bellwether.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * Windows IIS through the `powershell` step (the WebAdministration module and Application
 * Request Routing on the agent that fronts the farm). Blue/green: sites `<site>-blue` and
 * `<site>-green`; the package goes to the idle site, then the public binding moves to it.
 * Canary: ARR weights between the stable and the canary server of a server farm. Rolling:
 * the farm's servers in batches that follow the pace, each drained in ARR, updated and put
 * back. The .ps1 scripts live in resources/io/bellwether/iis.
 */
class IisSite implements Serializable {
    private static final long serialVersionUID = 1L

    static final String PUBLISH = 'iis/Publish-IisPackage.ps1'
    static final String SWITCH_BINDING = 'iis/Switch-SiteBinding.ps1'
    static final String ARR_WEIGHTS = 'iis/Set-ArrWeights.ps1'
    static final String ROLLING_BATCH = 'iis/Invoke-IisRollingBatch.ps1'

    final Map args
    final String scriptDirectory
    final String site

    IisSite(Map args, String scriptDirectory) {
        this.args = args
        this.scriptDirectory = scriptDirectory
        this.site = ArgumentRules.iisSite('site', args.site)
    }

    @NonCPS
    List<Command> deploy(DeployRequest request) {
        switch (request.strategy) {
            case 'bluegreen':
                String idle = colored(DeployRequest.idleColor(args))
                return [run("IIS: ${idle} gets the package, then the ${protocol()} binding", [PUBLISH, SWITCH_BINDING], [
                    invoke(PUBLISH, [Site: idle, Package: pkg('package')]),
                    invoke(SWITCH_BINDING, [From: colored(DeployRequest.activeColor(args)), To: idle, Protocol: protocol(), BindingInformation: binding()])])]
            case 'canary':
                List<String> invocations = []
                if (request.firstExposure) {
                    invocations << invoke(PUBLISH, [Site: site, Package: pkg('package'), ComputerName: canaryServer()])
                }
                invocations << weights(request.weight)
                return [run("IIS: ${canaryServer()} at ${request.weight}% in ARR farm ${farm()}", [PUBLISH, ARR_WEIGHTS], invocations)]
            default:
                return rollingBatch(request.previousWeight, request.weight, pkg('package'), "to ${request.weight}%")
        }
    }

    @NonCPS
    List<Command> promote(DeployRequest request) {
        switch (request.strategy) {
            case 'bluegreen':
                String retired = colored(DeployRequest.activeColor(args))
                return [run("IIS: stop ${retired}", [], [
                    'Import-Module WebAdministration',
                    'Stop-Website -Name ' + PowerShellCommand.quote(retired)])]
            case 'canary':
                return [run("IIS: ${stableServer()} gets the package, all traffic back to it", [PUBLISH, ARR_WEIGHTS], [
                    invoke(PUBLISH, [Site: site, Package: pkg('package'), ComputerName: stableServer()]),
                    weights(0)])]
            default:
                return rollingBatch(request.previousWeight, 100, pkg('package'), 'to 100%')
        }
    }

    @NonCPS
    List<Command> rollback(DeployRequest request) {
        switch (request.strategy) {
            case 'bluegreen':
                return [run("IIS: ${protocol()} binding back to ${colored(DeployRequest.activeColor(args))}", [SWITCH_BINDING], [
                    invoke(SWITCH_BINDING, [From: colored(DeployRequest.idleColor(args)), To: colored(DeployRequest.activeColor(args)), Protocol: protocol(), BindingInformation: binding()])])]
            case 'canary':
                return [run("IIS: all traffic back to ${stableServer()}", [ARR_WEIGHTS], [weights(0)])]
            default:
                return rollingBatch(0, request.previousWeight, pkg('previousPackage'), 'back to the previous package')
        }
    }

    @NonCPS
    private List<Command> rollingBatch(int fromWeight, int toWeight, String packagePath, String what) {
        List<String> servers = servers()
        int done = (int) Math.ceil(servers.size() * fromWeight / 100.0d)
        int target = (int) Math.ceil(servers.size() * toWeight / 100.0d)
        if (target <= done) {
            return []
        }
        List<String> batch = servers.subList(done, target)
        return [run("IIS: ${batch.join(', ')} ${what}", [ROLLING_BATCH, PUBLISH], [
            invoke(ROLLING_BATCH, [Farm: farm(), Servers: batch, Site: site, Package: packagePath,
                                   DrainSeconds: ArgumentRules.positiveCount('drainSeconds', args.drainSeconds ?: 30)])])]
    }

    @NonCPS
    private String weights(int canaryWeight) {
        return invoke(ARR_WEIGHTS, [Farm: farm(), Servers: [stableServer(), canaryServer()],
                                    Weights: [Integer.valueOf(100 - canaryWeight), Integer.valueOf(canaryWeight)]])
    }

    @NonCPS
    private Command run(String label, List<String> resources, List<String> invocations) {
        return Command.powershell(label, PowerShellCommand.script(invocations), resources)
    }

    @NonCPS
    private String invoke(String resource, Map parameters) {
        return PowerShellCommand.invoke('./' + scriptDirectory + '/' + resource, parameters)
    }

    @NonCPS
    private String pkg(String name) {
        return ArgumentRules.path(name, args[name])
    }

    @NonCPS
    private List<String> servers() {
        Object listed = args.servers
        if (!(listed instanceof List) || ((List) listed).isEmpty()) {
            throw new InvalidArgument('servers: required for a rolling IIS deploy (the ARR farm\'s servers, in update order)')
        }
        List<String> names = []
        for (Object server : (List) listed) {
            names.add(ArgumentRules.hostName('servers', server))
        }
        return names
    }

    @NonCPS
    private String colored(String color) {
        return ArgumentRules.iisSite('site', site + '-' + color)
    }

    @NonCPS
    private String farm() {
        return ArgumentRules.arrFarm(args.farm)
    }

    @NonCPS
    private String stableServer() {
        return ArgumentRules.hostName('stableServer', args.stableServer)
    }

    @NonCPS
    private String canaryServer() {
        return ArgumentRules.hostName('canaryServer', args.canaryServer)
    }

    @NonCPS
    private String binding() {
        return ArgumentRules.iisBinding(args.binding)
    }

    @NonCPS
    private String protocol() {
        return ArgumentRules.protocol(args.protocol ?: 'https')
    }
}
