<#
.SYNOPSIS
  Blue/green switch on IIS: moves the public binding (protocol + IP:port:host) from one site
  to the other. Used by the bellwether shared library for deploy (to the idle colour) and
  rollback (back to the previous colour).
.DESCRIPTION
  The new binding is added before the old one is removed only when the two sites can both
  hold it (different IP or host); IIS refuses a duplicate binding, so otherwise the old one
  goes first and the new one follows at once. For https the certificate bound to the old
  binding moves with it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string] $From,
    [Parameter(Mandatory = $true)][string] $To,
    [Parameter(Mandatory = $true)][ValidateSet('http', 'https')][string] $Protocol,
    [Parameter(Mandatory = $true)][string] $BindingInformation
)
$ErrorActionPreference = 'Stop'
Import-Module WebAdministration

foreach ($name in @($From, $To)) {
    if (-not (Get-Website -Name $name)) { throw "IIS site '$name' does not exist" }
}
if (Get-WebBinding -Name $To -Protocol $Protocol | Where-Object { $_.bindingInformation -eq $BindingInformation }) {
    Write-Output "IIS site '$To' already has $Protocol $BindingInformation"
    return
}
$old = Get-WebBinding -Name $From -Protocol $Protocol | Where-Object { $_.bindingInformation -eq $BindingInformation }
if (-not $old) { throw "IIS site '$From' has no $Protocol binding $BindingInformation to move" }

$certificate = $null
if ($Protocol -eq 'https') {
    $certificate = $old.certificateHash
    $store = $old.certificateStoreName
}
$parts = $BindingInformation.Split(':')
$ip = $parts[0]; $port = [int] $parts[1]; $hostHeader = $parts[2]

Remove-WebBinding -Name $From -Protocol $Protocol -BindingInformation $BindingInformation
try {
    New-WebBinding -Name $To -Protocol $Protocol -IPAddress $ip -Port $port -HostHeader $hostHeader
    if ($certificate) {
        (Get-WebBinding -Name $To -Protocol $Protocol | Where-Object { $_.bindingInformation -eq $BindingInformation }).AddSslCertificate($certificate, $store)
    }
} catch {
    # Never leave the service without its binding: put it back on the old site.
    New-WebBinding -Name $From -Protocol $Protocol -IPAddress $ip -Port $port -HostHeader $hostHeader
    if ($certificate) {
        (Get-WebBinding -Name $From -Protocol $Protocol | Where-Object { $_.bindingInformation -eq $BindingInformation }).AddSslCertificate($certificate, $store)
    }
    throw
}
Write-Output "$Protocol $BindingInformation moved from IIS site '$From' to '$To'"
