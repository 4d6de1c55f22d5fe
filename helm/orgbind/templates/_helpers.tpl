{{/*
Chart name, truncated to the 63 characters Kubernetes allows in names and label values.
*/}}
{{- define "orgbind.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: release-chart, or the release name when it already contains the chart name.
*/}}
{{- define "orgbind.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
chart label: name-version.
*/}}
{{- define "orgbind.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Standard labels (app.kubernetes.io/*) on every resource.
*/}}
{{- define "orgbind.labels" -}}
helm.sh/chart: {{ include "orgbind.chart" . }}
{{ include "orgbind.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: orgbind
{{- end }}

{{/*
Selector labels: stable across upgrades (never add the version here).
*/}}
{{- define "orgbind.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orgbind.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount of the service pods.
*/}}
{{- define "orgbind.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "orgbind.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
ServiceAccount of the migration job. Hooks run before the chart's own resources exist, so a
ServiceAccount the chart creates cannot be used on the first install.
*/}}
{{- define "orgbind.migrationServiceAccountName" -}}
{{- if .Values.migrations.serviceAccountName }}
{{- .Values.migrations.serviceAccountName }}
{{- else if .Values.serviceAccount.create }}
{{- "default" }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: repository@digest when a digest is given, else repository:tag (tag defaults to appVersion).
*/}}
{{- define "orgbind.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
Name of the ConfigMap holding the settings.
*/}}
{{- define "orgbind.configMapName" -}}
{{- printf "%s-config" (include "orgbind.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Checks the schema cannot express; rendering fails with a message naming the value.
*/}}
{{- define "orgbind.validate" -}}
{{- $_ := required "secrets.existingSecret is required: the name of a Secret holding the database URL (see docs/operations.md)" .Values.secrets.existingSecret }}
{{- $_ = required "config.platform.issuer is required: the platform's token issuer (iss)" .Values.config.platform.issuer }}
{{- $platform := .Values.config.platform }}
{{- $serviceMode := $platform.serviceTokenMode | default (ternary "introspection" "jwt" (eq $platform.tokenMode "introspection")) }}
{{- if or (eq $platform.tokenMode "jwt") (eq $serviceMode "jwt") }}
{{- $_ = required "config.platform.jwksUri is required: where the platform publishes its signing keys (tokens are JWTs: config.platform.tokenMode / serviceTokenMode jwt)" $platform.jwksUri }}
{{- end }}
{{- if or (eq $platform.tokenMode "introspection") (eq $serviceMode "introspection") }}
{{- $_ = required "config.platform.introspectionEndpoint is required with token introspection (config.platform.tokenMode / serviceTokenMode introspection)" $platform.introspectionEndpoint }}
{{- $_ = required "config.platform.clientId is required with token introspection: orgbind's client id at the platform" $platform.clientId }}
{{- $credential := ternary "PLATFORM_CLIENT_PRIVATE_KEY" "PLATFORM_CLIENT_SECRET" (eq $platform.clientAuthMethod "private_key_jwt") }}
{{- if not (hasKey .Values.secrets.extraEnv $credential) }}
{{- fail (printf "secrets.extraEnv.%s is required with token introspection and clientAuthMethod %s: the key in the Secret holding it" $credential $platform.clientAuthMethod) }}
{{- end }}
{{- end }}
{{- if eq $platform.tokenMode "userinfo" }}
{{- $_ = required "config.platform.userinfoEndpoint is required with config.platform.tokenMode userinfo" $platform.userinfoEndpoint }}
{{- end }}
{{- $needed := add (int .Values.shutdown.drainDelaySeconds) (int .Values.shutdown.timeoutSeconds) }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed shutdown.drainDelaySeconds + shutdown.timeoutSeconds (%d), or Kubernetes kills pods before in-flight requests finish" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- fail "autoscaling.maxReplicas must be at least autoscaling.minReplicas" }}
{{- end }}
{{- range $name, $_ := .Values.secrets.extraEnv }}
{{- if hasKey $.Values.config.extraEnv $name }}
{{- fail (printf "%s is set in both config.extraEnv and secrets.extraEnv: give each setting once (a secret belongs in secrets.extraEnv only)" $name) }}
{{- end }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.enabled) }}
{{- fail "metrics.serviceMonitor.enabled needs metrics.enabled" }}
{{- end }}
{{- end }}

{{/*
Selector of the API pods: the selector labels plus the component, so that the migration job's
pods (component "migrations") are never selected by the Service, the PodDisruptionBudget or the
NetworkPolicy.
*/}}
{{- define "orgbind.apiSelectorLabels" -}}
{{ include "orgbind.selectorLabels" . }}
app.kubernetes.io/component: api
{{- end }}
