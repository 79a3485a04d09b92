{{/* A secret value kept across upgrades (lookup sees the cluster during install/upgrade), else generated. */}}
{{- define "dev.keep" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- if and $existing (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- .generated -}}
{{- end -}}
{{- end -}}
