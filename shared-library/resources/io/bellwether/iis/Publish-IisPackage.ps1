<#
.SYNOPSIS
  Deploys a zipped web package into an IIS site: stops the site's application pool, replaces
  the site's files with the package's content, starts the pool again.
.DESCRIPTION
  Written to the workspace and run by the bellwether shared library (bellwether.deploy with
  target: 'iis'). With -ComputerName the package is copied to that server over PowerShell
  remoting and deployed there; otherwise on this machine.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string] $Site,
    [Parameter(Mandatory = $true)][string] $Package,
    [string] $ComputerName
)
$ErrorActionPreference = 'Stop'

$deploy = {
    param([string] $Site, [string] $Package)
    $ErrorActionPreference = 'Stop'
    Import-Module WebAdministration
    $website = Get-Website -Name $Site
    if (-not $website) { throw "IIS site '$Site' does not exist" }
    $pool = $website.applicationPool
    $target = [Environment]::ExpandEnvironmentVariables($website.physicalPath)
    if ((Get-WebAppPoolState -Name $pool).Value -ne 'Stopped') { Stop-WebAppPool -Name $pool }
    # Stop-WebAppPool returns before the worker process has released the files.
    $deadline = (Get-Date).AddSeconds(60)
    while ((Get-WebAppPoolState -Name $pool).Value -ne 'Stopped') {
        if ((Get-Date) -gt $deadline) { throw "application pool '$pool' did not stop within 60 s" }
        Start-Sleep -Milliseconds 500
    }
    Get-ChildItem -LiteralPath $target -Force | Remove-Item -Recurse -Force
    Expand-Archive -LiteralPath $Package -DestinationPath $target -Force
    Start-WebAppPool -Name $pool
    Write-Output "deployed $(Split-Path -Leaf $Package) to IIS site '$Site' ($target)"
}

if ($ComputerName) {
    $session = New-PSSession -ComputerName $ComputerName
    try {
        $remotePackage = Invoke-Command -Session $session -ScriptBlock {
            Join-Path ([IO.Path]::GetTempPath()) ('bellwether-' + [guid]::NewGuid() + '.zip')
        }
        Copy-Item -LiteralPath $Package -Destination $remotePackage -ToSession $session
        Invoke-Command -Session $session -ScriptBlock $deploy -ArgumentList $Site, $remotePackage
        Invoke-Command -Session $session -ScriptBlock { param($p) Remove-Item -LiteralPath $p -Force } -ArgumentList $remotePackage
    } finally {
        Remove-PSSession $session
    }
} else {
    & $deploy $Site (Resolve-Path -LiteralPath $Package).Path
}
