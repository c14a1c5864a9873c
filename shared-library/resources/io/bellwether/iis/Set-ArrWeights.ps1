<#
.SYNOPSIS
  Sets the Application Request Routing weights of servers in an IIS server farm (the canary
  split). Weights are relative in ARR; the bellwether shared library passes percentages that
  add up to 100 (stable, canary).
.DESCRIPTION
  A server with weight 0 is also taken out of rotation (enabled = false), because ARR's
  weighted round robin still sends it an occasional request at weight 0.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string] $Farm,
    [Parameter(Mandatory = $true)][string[]] $Servers,
    [Parameter(Mandatory = $true)][int[]] $Weights
)
$ErrorActionPreference = 'Stop'
Import-Module WebAdministration

if ($Servers.Count -ne $Weights.Count) { throw "got $($Servers.Count) servers but $($Weights.Count) weights" }
$root = 'MACHINE/WEBROOT/APPHOST'
if (-not (Get-WebConfiguration -PSPath $root -Filter "webFarms/webFarm[@name='$Farm']")) {
    throw "ARR server farm '$Farm' does not exist"
}
for ($i = 0; $i -lt $Servers.Count; $i++) {
    $server = "webFarms/webFarm[@name='$Farm']/server[@address='$($Servers[$i])']"
    if (-not (Get-WebConfiguration -PSPath $root -Filter $server)) {
        throw "server '$($Servers[$i])' is not in ARR server farm '$Farm'"
    }
    Set-WebConfigurationProperty -PSPath $root -Filter "$server/applicationRequestRouting" -Name 'weight' -Value $Weights[$i]
    Set-WebConfigurationProperty -PSPath $root -Filter $server -Name 'enabled' -Value ($Weights[$i] -gt 0)
    Write-Output "ARR farm '$Farm': $($Servers[$i]) weight $($Weights[$i])"
}
