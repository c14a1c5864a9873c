<#
.SYNOPSIS
  One batch of a rolling IIS deploy behind ARR: each server of the batch is taken out of the
  farm, given time to finish its requests, updated with the package and put back.
.DESCRIPTION
  Run by the bellwether shared library for every step of the pace (25%, 50% … of the farm),
  with the canary analysis in between. The package is deployed with Publish-IisPackage.ps1
  from the same directory.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string] $Farm,
    [Parameter(Mandatory = $true)][string[]] $Servers,
    [Parameter(Mandatory = $true)][string] $Site,
    [Parameter(Mandatory = $true)][string] $Package,
    [int] $DrainSeconds = 30
)
$ErrorActionPreference = 'Stop'
Import-Module WebAdministration

$root = 'MACHINE/WEBROOT/APPHOST'
$publish = Join-Path $PSScriptRoot 'Publish-IisPackage.ps1'
foreach ($address in $Servers) {
    $server = "webFarms/webFarm[@name='$Farm']/server[@address='$address']"
    if (-not (Get-WebConfiguration -PSPath $root -Filter $server)) {
        throw "server '$address' is not in ARR server farm '$Farm'"
    }
    Set-WebConfigurationProperty -PSPath $root -Filter $server -Name 'enabled' -Value $false
    Write-Output "ARR farm '$Farm': $address out of rotation, draining for $DrainSeconds s"
    Start-Sleep -Seconds $DrainSeconds
    try {
        & $publish -Site $Site -Package $Package -ComputerName $address
    } finally {
        # Back into rotation either way: a failed update leaves the old version serving.
        Set-WebConfigurationProperty -PSPath $root -Filter $server -Name 'enabled' -Value $true
    }
    Write-Output "ARR farm '$Farm': $address back in rotation"
}
