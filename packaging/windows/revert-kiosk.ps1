<#
.SYNOPSIS
    Turns an Ujikom exam kiosk back into an ordinary Windows PC (undoes provision-kiosk.ps1).

.DESCRIPTION
    Run as Administrator (sign in with an administrator account: at the sign-in screen,
    or over the network). It removes the Shell Launcher configuration, the autologon and
    its LSA secret, the firewall rules, the fast-user-switching policy and the exam
    account with its profile. The kiosk's exam data in C:\ProgramData\Ujikom\data is kept
    and named, to delete once the proctor has sealed the session.
    NOT RUN ON WINDOWS BY THE PROJECT: checked with a PowerShell parser on Linux only.

.PARAMETER KeepAccount
    Keep the UjikomKiosk account (and its profile); only take its kiosk shell away.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File revert-kiosk.ps1
#>
[CmdletBinding()]
param(
    [switch]$KeepAccount,
    [switch]$DisableShellLauncherFeature,
    [string]$DataDir = "$env:ProgramData\Ujikom"
)
Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

. (Join-Path $PSScriptRoot "kiosk-common.ps1")
Assert-Administrator
$Account = "UjikomKiosk"
if (Test-Path $StateKey) {
    $Account = (Get-ItemProperty -Path $StateKey).Account
}

# 1. Shell Launcher: an empty configuration, applied as SYSTEM like the provisioning.
$script = Join-Path $env:TEMP "ujikom-clear-shell-launcher.ps1"
@"
`$ErrorActionPreference = 'Stop'
`$bridge = Get-CimInstance -Namespace '$ShellLauncherNs' -ClassName MDM_AssignedAccess
`$bridge.ShellLauncher = `$null
Set-CimInstance -CimInstance `$bridge
"@ | Set-Content -Path $script -Encoding UTF8
Invoke-AsSystem -TaskName "Ujikom clear Shell Launcher" -Script $script | Out-Null
Remove-Item -Path $script -Force
if ($DisableShellLauncherFeature) {
    Disable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher `
        -NoRestart | Out-Null
}

# 2. Autologon and its secret.
$winlogon = "HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon"
Set-ItemProperty -Path $winlogon -Name AutoAdminLogon -Value "0"
Remove-ItemProperty -Path $winlogon -Name DefaultUserName -ErrorAction SilentlyContinue
Remove-ItemProperty -Path $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
try {
    [UjikomLsa]::Clear("DefaultPassword")
} catch {
    Write-Warning "The autologon secret could not be removed: $($_.Exception.Message)"
}

# 3. Firewall and the machine-wide policy.
Remove-NetFirewallRule -Group $RuleGroup -ErrorAction SilentlyContinue
Remove-ItemProperty -Path "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System" `
    -Name HideFastUserSwitching -ErrorAction SilentlyContinue

# 4. The account (its user policies, USB and Task Manager, go with its profile).
if (-not $KeepAccount) {
    $profile = Get-KioskProfile $Account
    if ($null -ne $profile) { Remove-CimInstance -InputObject $profile }
    Remove-LocalUser -Name $Account -ErrorAction SilentlyContinue
}
Remove-Item -Path $StateKey -Recurse -ErrorAction SilentlyContinue

$data = Join-Path $DataDir "data"
if ((Test-Path $data) -and (Get-ChildItem -Path $data -Force | Select-Object -First 1)) {
    Write-Host "Exam data kept in $data; delete it once the proctor has sealed the session."
}
Write-Host "This PC is an ordinary PC again after a restart."
